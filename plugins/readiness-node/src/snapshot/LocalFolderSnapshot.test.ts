import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { LocalFolderSnapshot } from './LocalFolderSnapshot';

function folder(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(join(os.tmpdir(), 'local-snapshot-'));
  for (const [path, content] of Object.entries(files)) {
    fs.mkdirSync(join(root, path, '..'), { recursive: true });
    fs.writeFileSync(join(root, path), content);
  }
  return root;
}

describe('LocalFolderSnapshot', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string | Buffer>) => {
    const root = folder(files);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach(r => fs.rmSync(r, { recursive: true, force: true })));

  it('lists files without dependency folders, reads them, and fingerprints the listing', async () => {
    const root = make({ 'README.md': '# hi\n', 'src/a.ts': 'a', 'node_modules/x/index.js': 'x', '.git/HEAD': 'ref' });
    const s = await LocalFolderSnapshot.create(root);
    expect(s.paths).toEqual(['README.md', 'src/a.ts']);
    expect(await s.readText('./src/a.ts')).toBe('a');
    expect(await s.readText('missing.txt')).toBeUndefined();
    expect(s.bytesRead).toBe(1);

    const same = await LocalFolderSnapshot.create(root);
    expect(same.fingerprint).toBe(s.fingerprint);
    fs.writeFileSync(join(root, 'src/a.ts'), 'changed');
    expect((await LocalFolderSnapshot.create(root)).fingerprint).not.toBe(s.fingerprint);
  });

  it('lists large folders (yielding on the way) and stops at maxFiles', async () => {
    const files = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`f/${String(i).padStart(3, '0')}.txt`, 'x']));
    const root = make(files);
    expect((await LocalFolderSnapshot.create(root)).paths).toHaveLength(700);
    const capped = await LocalFolderSnapshot.create(root, { limits: { maxFiles: 300 } });
    expect(capped.paths).toHaveLength(300);
    expect(capped.truncated).toBe(true);
  });

  it('skips links out of the root, follows links to files inside it, never to folders', async () => {
    const outside = make({ 'secret.txt': 'top secret' });
    const root = make({ 'real.txt': 'real', 'dir/inner.txt': 'inner' });
    fs.symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
    fs.symlinkSync(join(root, 'real.txt'), join(root, 'alias.txt'));
    fs.symlinkSync(join(root, 'dir'), join(root, 'dirlink'));
    const s = await LocalFolderSnapshot.create(root);
    expect(s.paths).toEqual(['alias.txt', 'dir/inner.txt', 'real.txt']);
    expect(s.skipped()).toEqual([{ path: 'escape.txt', reason: 'symlink-outside-root' }]);
    expect(await s.readText('alias.txt')).toBe('real');
  });

  it('does not read binary, too large or over-budget files', async () => {
    const root = make({ 'bin.dat': Buffer.from([1, 0, 2]), 'big.txt': 'x'.repeat(2000), 'a.txt': 'a'.repeat(600), 'b.txt': 'b'.repeat(600) });
    const s = await LocalFolderSnapshot.create(root, { limits: { maxFileBytes: 1000, maxTotalBytes: 1000 } });
    expect(await s.readText('bin.dat')).toBeUndefined();
    expect(await s.readText('big.txt')).toBeUndefined();
    expect(await s.readText('a.txt')).toHaveLength(600);
    expect(await s.readText('b.txt')).toBeUndefined();
    expect(s.skipped().map(f => [f.path, f.reason]).sort()).toEqual([
      ['b.txt', 'budget'],
      ['big.txt', 'too-large'],
      ['bin.dat', 'binary'],
    ]);
  });

  it('does not wait on a file replaced by a FIFO after listing (POSIX)', async () => {
    const root = make({ 'pipe.txt': 'was a file' });
    const s = await LocalFolderSnapshot.create(root);
    fs.unlinkSync(join(root, 'pipe.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    expect(await s.readText('pipe.txt')).toBeUndefined();
  });

  it('lists in code-unit order, breadth first, so that truncation is deterministic', async () => {
    const root = make({ 'a.txt': 'a', 'B.txt': 'b', 'Z.txt': 'z', 'A/deep.txt': 'd' });
    const capped = await LocalFolderSnapshot.create(root, { limits: { maxFiles: 2 } });
    expect(capped.paths).toEqual(['B.txt', 'Z.txt']);
    expect((await LocalFolderSnapshot.create(root)).paths).toEqual(['A/deep.txt', 'B.txt', 'Z.txt', 'a.txt']);
  });

  it('fingerprints paths, sizes and modification times', async () => {
    const root = make({ 'a.txt': 'a', 'b.txt': 'b' });
    const first = (await LocalFolderSnapshot.create(root)).fingerprint;
    fs.utimesSync(join(root, 'a.txt'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const touched = (await LocalFolderSnapshot.create(root)).fingerprint;
    expect(touched).not.toBe(first);
    fs.renameSync(join(root, 'b.txt'), join(root, 'c.txt'));
    expect((await LocalFolderSnapshot.create(root)).fingerprint).not.toBe(touched);
  });

  it('does not read a file replaced after listing by a link out of the root', async () => {
    const outside = make({ 'secret.txt': 'top secret' });
    const root = make({ 'a.txt': 'was a file', 'b.txt': 'b' });
    const s = await LocalFolderSnapshot.create(root);
    fs.unlinkSync(join(root, 'a.txt'));
    fs.symlinkSync(join(outside, 'secret.txt'), join(root, 'a.txt'));
    expect(await s.readText('a.txt')).toBeUndefined();
    // A link to a file inside the root is followed, as at listing.
    fs.unlinkSync(join(root, 'a.txt'));
    fs.symlinkSync(join(root, 'b.txt'), join(root, 'a.txt'));
    expect(await s.readText('a.txt')).toBe('b');
  });

  it('does not follow a folder replaced after listing by a link out of the root', async () => {
    const outside = make({ 'inner.txt': 'outside', 'other.txt': 'outside too' });
    const root = make({ 'dir/inner.txt': 'inside', 'dir/other.txt': 'inside too' });
    const unread = await LocalFolderSnapshot.create(root);
    const read = await LocalFolderSnapshot.create(root);
    // This one reads a file of the folder first: the folder was checked then.
    expect(await read.readText('dir/inner.txt')).toBe('inside');
    fs.renameSync(join(root, 'dir'), join(root, 'moved'));
    fs.symlinkSync(outside, join(root, 'dir'));
    expect(await unread.readText('dir/inner.txt')).toBeUndefined();
    expect(await read.readText('dir/other.txt')).toBeUndefined();
  });

  it('reads a file replaced after listing by another file in its place', async () => {
    const root = make({ 'a.txt': 'old' });
    const s = await LocalFolderSnapshot.create(root);
    fs.writeFileSync(join(root, 'new.txt'), 'new');
    fs.renameSync(join(root, 'new.txt'), join(root, 'a.txt'));
    expect(await s.readText('a.txt')).toBe('new');
  });
});
