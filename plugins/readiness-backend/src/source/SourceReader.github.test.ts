import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_SNAPSHOT_LIMITS } from '@prodready/plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { FakeGithub, startFakeGithub } from '../testing/fakeGithub';
import { writeRepos } from '../testing/localRepos';
import { SourceReader } from './SourceReader';
import { SourceRun } from './SourceRun';

// Backstage's own GitHub reader, in front of a GitHub on loopback.
const HOST = 'github.example.test';
// Over the 100 bytes of a tar header's name field.
const DEEP = `services/cart/${'internal/'.repeat(12)}deep.go`;

function entity(location: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations: { 'backstage.io/source-location': location } },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

describe("SourceReader with url: sources, through Backstage's GitHub reader", () => {
  let reposDir: string;
  let github: FakeGithub;
  let urlReader: UrlReaderService;
  let reader: SourceReader;
  const service = (name: string) => entity(`url:https://${HOST}/acme/shop/tree/main/services/${name}/`);

  beforeAll(async () => {
    reposDir = await writeRepos({
      shop: {
        'README.md': '# Shop\n',
        '.github/workflows/ci.yml': 'on: push\n',
        'services/cart/main.go': 'package main\n\nfunc main() {}\n',
        [DEEP]: 'package deep\n',
        'services/cart/empty.go': '',
        'services/cart/testdata/big.json': 'x'.repeat(2048),
        'services/pay/main.go': 'package main\n',
        'other/x.go': 'package x\n',
      },
    });
    github = await startFakeGithub({ reposDir, owner: 'acme' });
    const config = new ConfigReader({ integrations: { github: [{ host: HOST, apiBaseUrl: github.apiBaseUrl }] } });
    urlReader = UrlReaders.default({ config, logger: mockServices.logger.mock() });
    reader = new SourceReader({
      urlReader,
      limits: { ...DEFAULT_SNAPSHOT_LIMITS, maxFileBytes: 1024 },
      localRoots: [],
      attempts: 1,
    });
  });

  afterAll(async () => {
    await github.close();
    await fs.rm(reposDir, { recursive: true, force: true });
  });

  afterEach(() => github.failWith(undefined));

  it("reads a subfolder's entity with the repository's root files, linked to the commit", async () => {
    const read = await reader.read(service('cart'));
    if (read.kind !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(read)}`);
    expect(read.etag).toMatch(/^[0-9a-f]{40}$/);
    expect(read.source).toMatchObject({ etag: read.etag, url: `https://${HOST}/acme/shop/tree/main/services/cart/` });
    expect(read.snapshot.entityPath).toBe('services/cart');
    // Not the other services, nor a file over the size limit.
    expect(read.snapshot.paths).toEqual(['.github/workflows/ci.yml', 'README.md', 'services/cart/empty.go', DEEP, 'services/cart/main.go']);
    expect(await read.snapshot.readText(DEEP)).toBe('package deep\n');
    // The reader gives an empty file's content as [], not a Buffer.
    expect(await read.snapshot.readText('services/cart/empty.go')).toBe('');
    expect(await read.snapshot.readText('services/cart/main.go')).toBe('package main\n\nfunc main() {}\n');
    expect(read.snapshot.urlFor?.('services/cart/main.go', 3)).toBe(
      `https://${HOST}/acme/shop/blob/${read.etag}/services/cart/main.go#L3`,
    );
  });

  it('answers not-modified at the stored commit without downloading, and reads a new commit', async () => {
    const first = await reader.read(service('cart'));
    const downloads = github.requests.tarball;
    expect(await reader.read(service('cart'), first.kind === 'snapshot' ? first.etag : '')).toMatchObject({ kind: 'not-modified' });
    expect(github.requests.tarball).toBe(downloads);

    github.commit(['shop']);
    const next = await reader.read(service('cart'), first.kind === 'snapshot' ? first.etag : '');
    expect(next.kind).toBe('snapshot');
    expect(next.kind === 'snapshot' && next.etag).not.toBe(first.kind === 'snapshot' && first.etag);
    expect(github.requests.tarball).toBe(downloads + 1);
  });

  it('asks once per run for the commit of a repository several entities share', async () => {
    const current = await reader.read(service('cart'));
    if (current.kind !== 'snapshot') throw new Error('expected a snapshot');
    const { status } = github.requests;

    // Unchanged: the first entity's answer serves the others of the run.
    const run = new SourceRun(1 << 20);
    const reads = [];
    for (const name of ['cart', 'pay', 'ship']) reads.push(await reader.read(service(name), current.etag, run));
    expect(reads.map(r => r.kind)).toEqual(['not-modified', 'not-modified', 'not-modified']);
    expect(github.requests.status).toBe(status + 1);
    // Without a run (an audit on demand), every read asks.
    await reader.read(service('cart'), current.etag);
    expect(github.requests.status).toBe(status + 2);

    // A new commit: the entities audited before it are read; one already at
    // the new commit is then not asked for.
    github.commit(['shop']);
    const next = new SourceRun(1 << 20);
    const cart = await reader.read(service('cart'), current.etag, next);
    if (cart.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect((await reader.read(service('pay'), current.etag, next)).kind).toBe('snapshot');
    const asked = github.requests.status;
    expect((await reader.read(service('ship'), cart.etag, next)).kind).toBe('not-modified');
    expect(github.requests.status).toBe(asked);
  });

  it("reads each entity's own view when the whole repository does not fit the limits", async () => {
    // The services' views fit 70 bytes (cart's is 60); the whole repository (83) does not.
    const small = new SourceReader({
      urlReader,
      limits: { ...DEFAULT_SNAPSHOT_LIMITS, maxFileBytes: 1024, maxTotalBytes: 70 },
      localRoots: [],
      attempts: 1,
    });
    const run = new SourceRun(1 << 20);
    const { tarball } = github.requests;
    const cart = await small.read(service('cart'), undefined, run);
    const pay = await small.read(service('pay'), undefined, run);
    if (cart.kind !== 'snapshot' || pay.kind !== 'snapshot') throw new Error(`expected snapshots, got ${cart.kind} and ${pay.kind}`);
    expect(pay.snapshot.paths).toEqual(['.github/workflows/ci.yml', 'README.md', 'services/pay/main.go']);
    expect(cart.source.truncated).toBeUndefined();
    expect(pay.source.truncated).toBeUndefined();
    // cart's view, the whole tree (too big: not kept), pay's view.
    expect(github.requests.tarball).toBe(tarball + 3);
  });

  it.each([
    ['a spent rate limit', 'rate-limit' as const, /403 Forbidden \(rate limit exceeded\)/],
    ['an outage', 'outage' as const, /503 Service Unavailable/],
  ])('tells %s (the last results may stand) from a repository that is gone', async (_name, failure, reason) => {
    github.failWith(failure);
    expect(await reader.read(service('cart'))).toMatchObject({ kind: 'unavailable', missing: false, reason: expect.stringMatching(reason) });
    github.failWith(undefined);
    const gone = await reader.read(entity(`url:https://${HOST}/acme/gone/tree/main/`));
    expect(gone).toMatchObject({ kind: 'unavailable', missing: true, reason: expect.stringMatching(/404/) });
  });
});
