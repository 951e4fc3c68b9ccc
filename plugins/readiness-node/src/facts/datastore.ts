import { datastoreSignal } from './classify';
import { k8sObjects } from './kubernetes';
import { lineOf, RepoView, TextFile } from './RepoView';

/** Where the entity keeps data, and why we think so. @public */
export interface DatastoreSignal {
  path: string;
  line?: number;
  why: string;
}

/**
 * Terraform/OpenTofu files of the entity folder, with comments blanked out
 * (line numbers kept) so that commented-out resources do not count.
 * @public
 */
export function terraformFiles(repo: RepoView): Promise<TextFile[]> {
  return repo.memo('datastore:terraform', async () =>
    (await repo.findTexts(['*.tf', '*.tofu'])).map(f => ({
      path: f.path,
      text: f.text
        .replace(/\/\*[\s\S]*?\*\//g, c => c.replace(/[^\n]/g, ' '))
        .replace(/^\s*(#|\/\/).*$/gm, ''),
    })),
  );
}

// Managed databases declared in Terraform.
const TF_DATASTORE =
  /^[ \t]*resource\s+"(aws_db_instance|aws_rds_cluster|google_sql_database_instance|azurerm_(?:postgresql|mssql|cosmosdb)\w*|aws_dynamodb_table)"/m;

// Images of databases run in-cluster by a StatefulSet (name without registry, tag or digest).
const DB_IMAGE = /^(postgres(ql)?|postgis|mysql(-server)?|mariadb|mongo(db)?)$/i;

function isDatabaseImage(image: string): boolean {
  const name = image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return DB_IMAGE.test(name.slice(name.lastIndexOf('/') + 1));
}

/**
 * Evidence that the entity owns a datastore: a database driver among its
 * dependencies, a managed database in Terraform, a database StatefulSet or a
 * CloudNativePG `Cluster`. Undefined when there is none (backups, restores and
 * migrations do not apply then).
 * @public
 */
export function hasDatastore(repo: RepoView): Promise<DatastoreSignal | undefined> {
  return repo.memo('datastore:has', async () => {
    const dep = await datastoreSignal(repo);
    if (dep) return { path: dep.path, line: dep.line, why: `database dependency ${dep.name}` };

    for (const f of await terraformFiles(repo)) {
      const m = TF_DATASTORE.exec(f.text);
      if (m) return { path: f.path, line: lineOf(f.text, m.index + m[0].indexOf('resource')), why: `Terraform ${m[1]}` };
    }

    for (const o of await k8sObjects(repo)) {
      if (o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/')) {
        return { path: o.path, line: o.line, why: `CloudNativePG Cluster ${o.name ?? ''}`.trim() };
      }
      if (o.kind !== 'StatefulSet') continue;
      const containers: unknown[] = o.doc.spec?.template?.spec?.containers ?? [];
      const image = (Array.isArray(containers) ? containers : [])
        .map(c => (c as { image?: unknown })?.image)
        .find((i): i is string => typeof i === 'string' && isDatabaseImage(i));
      if (image) return { path: o.path, line: o.line, why: `StatefulSet running ${image}` };
    }
    return undefined;
  });
}
