import { LocalFolderSnapshot } from '@prodready/plugin-readiness-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { measureFloors } from './floor';
import { changeRepository, generateCatalog, TemplateRepo } from './repos';

const templates: TemplateRepo[] = [
  {
    name: 'svc',
    files: [
      { path: 'README.md', content: Buffer.from('# svc\n') },
      { path: '.github/workflows/ci.yml', content: Buffer.from('on: push\n') },
      { path: 'src/index.ts', content: Buffer.from('export {};\n') },
    ],
  },
];

describe('the unchanged re-audit floors', () => {
  let root: string;
  let db: Knex;

  beforeEach(async () => {
    root = fs.mkdtempSync(join(os.tmpdir(), 'bench-floor-'));
    db = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    await db.schema.createTable('readiness_scorecards', t => {
      t.string('entity_ref').primary();
      t.text('source_etag');
    });
  });

  afterEach(async () => {
    await db.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // The fingerprints as the plugin stores them after an audit: '<checks signature>:<listing's>'.
  async function storeFingerprints(catalog: ReturnType<typeof generateCatalog>) {
    for (const e of catalog.entities) {
      const { fingerprint } = await LocalFolderSnapshot.create(e.repoDir);
      await db('readiness_scorecards').insert({ entity_ref: e.ref, source_etag: `abc123:${fingerprint}` });
    }
  }

  it('checks every folder against its stored fingerprint and stats every file and folder', async () => {
    const catalog = generateCatalog({ root, n: 4, templates, seed: 2 });
    await storeFingerprints(catalog);
    const floors = await measureFloors({ catalog, db, threads: 2, concurrency: 3 });
    // Each repository's files, its folders below it, and itself.
    const expected = catalog.entities.reduce(
      (sum, e) => sum + fs.readdirSync(e.repoDir, { recursive: true }).length + 1,
      0,
    );
    expect(floors.stats).toBe(expected);
    expect(floors.listingMs).toBeGreaterThan(0);
    expect(floors.statMs).toBeGreaterThan(0);
  }, 60_000);

  it('refuses to time a folder that changed since its fingerprint was stored', async () => {
    const catalog = generateCatalog({ root, n: 3, templates, seed: 2 });
    await storeFingerprints(catalog);
    changeRepository(catalog.entities[1].repoDir, 1);
    await expect(measureFloors({ catalog, db, threads: 1, concurrency: 2 })).rejects.toThrow(
      catalog.entities[1].ref,
    );
  }, 60_000);
});
