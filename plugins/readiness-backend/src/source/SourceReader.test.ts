import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DEFAULT_SNAPSHOT_LIMITS } from '@prodready/plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceReader } from './SourceReader';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const noUrls: UrlReaderService = {
  readUrl: jest.fn(),
  readTree: jest.fn(),
  search: jest.fn(),
} as unknown as UrlReaderService;

describe('SourceReader with file: sources', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    base = await fs.mkdtemp(join(tmpdir(), 'readiness-source-'));
    root = join(base, 'repos');
    outside = join(base, 'outside');
    await fs.mkdir(join(root, 'svc', 'src'), { recursive: true });
    await fs.mkdir(join(root, 'mono', 'services', 'cart'), { recursive: true });
    await fs.mkdir(join(root, 'mono', '.github', 'workflows'), { recursive: true });
    await fs.mkdir(outside, { recursive: true });
    await fs.writeFile(join(root, 'svc', 'Dockerfile'), 'FROM node:22\n');
    await fs.writeFile(join(root, 'svc', 'src', 'index.ts'), 'export {};\n');
    await fs.writeFile(join(root, 'svc', 'big.json'), 'x'.repeat(2048));
    await fs.writeFile(join(root, 'svc', 'image.png'), Buffer.from([0x89, 0x50, 0, 0, 1, 2]));
    await fs.writeFile(join(outside, 'secret.txt'), 'do not read');
    await fs.symlink(join(outside, 'secret.txt'), join(root, 'svc', 'leak.txt'));
    await fs.writeFile(join(root, 'mono', '.github', 'workflows', 'ci.yml'), 'on: pull_request\n');
    await fs.writeFile(join(root, 'mono', 'services', 'cart', 'main.go'), 'package main\n');
  });

  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  const reader = () =>
    new SourceReader({
      urlReader: noUrls,
      limits: { ...DEFAULT_SNAPSHOT_LIMITS, maxFileBytes: 1024 },
      localRoots: [root],
      attempts: 1,
    });

  it('reads a folder under an allowed root, skipping links out, huge and binary files', async () => {
    const read = await reader().read(entity({ 'backstage.io/source-location': `file:${join(root, 'svc')}` }));
    if (read.kind !== 'snapshot') throw new Error(`expected a snapshot, got ${JSON.stringify(read)}`);
    expect(read.snapshot.paths).toEqual(['Dockerfile', 'big.json', 'image.png', 'src/index.ts']);
    expect(await read.snapshot.readText('Dockerfile')).toBe('FROM node:22\n');
    expect(await read.snapshot.readText('big.json')).toBeUndefined();
    expect(await read.snapshot.readText('image.png')).toBeUndefined();
    expect(read.snapshot.skipped()).toEqual(
      expect.arrayContaining([
        { path: 'leak.txt', reason: 'symlink-outside-root' },
        { path: 'big.json', reason: 'too-large' },
        { path: 'image.png', reason: 'binary' },
      ]),
    );
  });

  it('answers not-modified when the listing is unchanged, without reading contents', async () => {
    const e = entity({ 'backstage.io/source-location': `file:${join(root, 'svc')}` });
    const first = await reader().read(e);
    expect(first.kind).toBe('snapshot');
    const second = await reader().read(e, (first as { etag: string }).etag);
    expect(second.kind).toBe('not-modified');
  });

  it('treats a subfolder as the entity folder of its repository', async () => {
    const read = await reader().read(entity({ 'backstage.io/source-location': `file:${join(root, 'mono', 'services', 'cart')}` }));
    if (read.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(read.snapshot.entityPath).toBe('services/cart');
    expect(read.snapshot.paths).toContain('.github/workflows/ci.yml');
  });

  it('resolves a relative file source against the catalog file that defines the entity', async () => {
    const read = await reader().read(
      entity({
        'backstage.io/managed-by-location': `file:${join(root, 'catalog.yaml')}`,
        'backstage.io/source-location': 'file:./svc',
      }),
    );
    expect(read.kind).toBe('snapshot');
  });

  it.each([
    ['an escape with ..', () => `file:${join(root, '..', 'outside')}`, /outside the folders allowed by readiness.localRoots/],
    ['a missing folder', () => `file:${join(root, 'nope')}`, /no such folder/],
    ['an unsupported location type', () => 'gopher:foo', /not supported/],
    ['a broken annotation', () => 'no-colon-here', /not a location reference/],
  ])('gives a clear reason for %s', async (_name, location, reason) => {
    const read = await reader().read(entity({ 'backstage.io/source-location': location() }));
    expect(read).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(reason), missing: true });
  });

  it('refuses file sources when no local roots are configured', async () => {
    const read = await new SourceReader({ urlReader: noUrls, limits: DEFAULT_SNAPSHOT_LIMITS, localRoots: [], attempts: 1 }).read(
      entity({ 'backstage.io/source-location': `file:${join(root, 'svc')}` }),
    );
    expect((read as { reason: string }).reason).toMatch(/readiness.localRoots/);
  });
});

describe('SourceReader with url: sources, retrying', () => {
  function treeOf(files: Record<string, string>, etag = 'a'.repeat(40)) {
    return {
      etag,
      files: async () => Object.entries(files).map(([path, text]) => ({ path, content: async () => Buffer.from(text) })),
      archive: jest.fn(),
      dir: jest.fn(),
    };
  }

  it('retries 5xx and 429 (honouring Retry-After) and then succeeds', async () => {
    const sleep = jest.fn(async () => {});
    const busy = Object.assign(new Error('Request failed with 429 Too Many Requests'), { retryAfter: '2' });
    const readTree = jest
      .fn()
      .mockRejectedValueOnce(new Error('Request failed with status 503'))
      .mockRejectedValueOnce(busy)
      .mockResolvedValueOnce(treeOf({ 'README.md': '# hi' }));
    const reader = new SourceReader({ urlReader: { readTree } as any, limits: DEFAULT_SNAPSHOT_LIMITS, localRoots: [], attempts: 3, sleep });
    const read = await reader.read(entity({ 'backstage.io/source-location': 'url:https://github.com/acme/a/tree/main/' }));
    expect(read.kind).toBe('snapshot');
    expect(sleep.mock.calls).toEqual([[500], [2000]]);
  });

  it('gives up on an unknown host at once with the reason', async () => {
    const readTree = jest.fn().mockRejectedValue(
      Object.assign(new Error('getaddrinfo ENOTFOUND git.nowhere.invalid'), { code: 'ENOTFOUND' }),
    );
    const reader = new SourceReader({ urlReader: { readTree } as any, limits: DEFAULT_SNAPSHOT_LIMITS, localRoots: [], attempts: 3, sleep: async () => {} });
    const read = await reader.read(entity({ 'backstage.io/source-location': 'url:https://git.nowhere.invalid/a/b/tree/main/' }));
    expect(read).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/ENOTFOUND/), missing: false });
    expect(readTree).toHaveBeenCalledTimes(1);
  });
});
