import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isInside, locateLocalFolder } from './localFolders';

describe('locateLocalFolder', () => {
  let base: string;
  let roots: string[];
  beforeAll(() => {
    base = fs.realpathSync(fs.mkdtempSync(join(os.tmpdir(), 'locate-')));
    const allowed = join(base, 'repos');
    fs.mkdirSync(join(allowed, 'mono/.git'), { recursive: true });
    fs.mkdirSync(join(allowed, 'mono/services/cart'), { recursive: true });
    fs.mkdirSync(join(allowed, 'plain/src'), { recursive: true });
    fs.writeFileSync(join(allowed, 'plain/README.md'), '# plain\n');
    fs.mkdirSync(join(base, 'secret'));
    fs.symlinkSync(join(base, 'secret'), join(allowed, 'escape'));
    roots = [allowed];
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('finds the repository holding .git above a service folder', () => {
    expect(locateLocalFolder(join(base, 'repos/mono/services/cart'), roots)).toEqual({
      root: join(base, 'repos/mono'),
      entityPath: 'services/cart',
    });
  });

  it('without .git, takes the allowed root child that contains the folder', () => {
    expect(locateLocalFolder(join(base, 'repos/plain/src'), roots)).toEqual({ root: join(base, 'repos/plain'), entityPath: 'src' });
    expect(locateLocalFolder(join(base, 'repos/plain'), roots)).toEqual({ root: join(base, 'repos/plain'), entityPath: '' });
  });

  it.each([
    ['a missing folder', 'repos/nope', /^no such folder: /],
    ['a link out of the allowed roots', 'repos/escape', /is outside the folders allowed by readiness.localRoots/],
    ['a parent escape', 'repos/../secret', /is outside the folders allowed by readiness.localRoots/],
    ['a file', 'repos/plain/README.md', /is not a folder/],
  ])('refuses %s, saying why', (_name, path, reason) => {
    expect(() => locateLocalFolder(join(base, path), roots)).toThrow(reason);
  });

  it('refuses every folder when no roots are allowed', () => {
    expect(() => locateLocalFolder(join(base, 'repos/plain'), [])).toThrow(/file: sources are disabled/);
  });

  it('tells a sibling with a common prefix from a child', () => {
    expect(isInside('/a/repos', '/a/repos/x')).toBe(true);
    expect(isInside('/a/repos', '/a/repos')).toBe(true);
    expect(isInside('/a/repos', '/a/repos-other/x')).toBe(false);
    expect(isInside('/a/repos', '/a/repos/..x')).toBe(true);
    expect(isInside('/a/repos', '/a')).toBe(false);
  });
});
