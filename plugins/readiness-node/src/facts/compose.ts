import { lineOf, RepoView } from './RepoView';
import { parseYaml } from './yaml';

/** A service of a root compose file that builds the entity's folder. @public */
export interface EntityComposeService {
  /** The compose file (at the repository root). */
  path: string;
  /** The service name. */
  name: string;
  /** Line of the service key. */
  line?: number;
  healthcheck?: { disable?: unknown; test?: unknown };
}

const ROOT_COMPOSE = ['compose.yml', 'compose.yaml', 'docker-compose*.yml', 'docker-compose*.yaml'];

/** `KEY=value` pairs of a compose `.env` file (quotes and trailing ` # comments` removed). */
function envFile(text: string | undefined): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of (text ?? '').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) continue;
    let value = m[2];
    const quoted = /^(["'])(.*)\1$/.exec(value);
    value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
    vars.set(m[1], value);
  }
  return vars;
}

/** Compose variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `$VAR`. */
function interpolate(value: string, vars: Map<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)/g,
    (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) =>
      vars.get((braced ?? bare) as string) || (fallback ?? ''),
  );
}

/** A repository-relative path with `.` and `..` resolved ('' for the root), or undefined when it leaves the root. */
function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

const within = (path: string | undefined, folder: string) =>
  path !== undefined && (path === folder || path.startsWith(`${folder}/`));

/**
 * In a monorepo, the services of the root compose files (`compose.yaml`,
 * `docker-compose*.yml` at the repository root) whose `build` context or
 * Dockerfile lies in the entity's folder, after compose variable interpolation
 * from the root `.env` file (`dockerfile: ${CART_DOCKERFILE}`). Empty for an
 * entity at the repository root, whose compose files are its own.
 * @public
 */
export function entityComposeServices(repo: RepoView): Promise<EntityComposeService[]> {
  return repo.memo('compose:entity-services', async () => {
    if (!repo.isSubfolder) return [];
    const vars = envFile(await repo.read('.env'));
    const out: EntityComposeService[] = [];
    for (const file of await repo.findTexts(ROOT_COMPOSE, { scope: 'root' })) {
      if (file.path.includes('/')) continue;
      let services: Record<string, { build?: unknown; healthcheck?: EntityComposeService['healthcheck'] }> | undefined;
      try {
        services = (parseYaml(file.text) as { services?: typeof services } | null)?.services;
      } catch {
        continue;
      }
      for (const [name, service] of Object.entries(services ?? {})) {
        const build = service?.build as string | { context?: unknown; dockerfile?: unknown } | undefined;
        if (!build) continue;
        let rawContext = '.';
        if (typeof build === 'string') rawContext = build;
        else if (typeof build.context === 'string') rawContext = build.context;
        if (/^[a-z][\w+.-]*:\/\//i.test(rawContext)) continue; // a Git or remote context
        const context = normalize(interpolate(rawContext, vars));
        if (context === undefined) continue;
        const dockerfile =
          typeof build === 'object' && typeof build.dockerfile === 'string'
            ? normalize(`${context}/${interpolate(build.dockerfile, vars)}`)
            : undefined;
        if (!within(context, repo.entityPath) && !within(dockerfile, repo.entityPath)) continue;
        const key = new RegExp(`^([ \\t]+)["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?[ \\t]*:`, 'm').exec(file.text);
        out.push({
          path: file.path,
          name,
          line: key ? lineOf(file.text, key.index + key[1].length) : undefined,
          healthcheck: service.healthcheck,
        });
      }
    }
    return out;
  });
}
