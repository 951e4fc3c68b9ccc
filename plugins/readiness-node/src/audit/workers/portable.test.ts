import { InMemorySnapshot } from '../../snapshot/InMemorySnapshot';
import { fromPortable, toPortable } from './portable';

describe('portable snapshots of downloaded trees', () => {
  const files = {
    'README.md': Buffer.from('# Shop\n\nRun it with `npm start`. Café.\n'),
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
    'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), // not UTF-8
    'notes.txt': 'given as text',
  };

  it('sends text files as strings, and keeps binary and non-UTF-8 files as bytes', () => {
    const portable = toPortable(new InMemorySnapshot(files));
    if (portable?.kind !== 'memory') throw new Error('expected a memory snapshot');
    expect(typeof portable.files['README.md']).toBe('string');
    expect(portable.files['logo.png']).toBeInstanceOf(Uint8Array);
    expect(portable.files['latin1.txt']).toBeInstanceOf(Uint8Array);
    expect(portable.files['notes.txt']).toBe('given as text');
  });

  it('reads on the other side as the snapshot it came from: texts, skipped files and bytes counted', async () => {
    const here = new InMemorySnapshot(files, { limits: { maxTotalBytes: 50 } });
    const there = fromPortable(toPortable(new InMemorySnapshot(files, { limits: { maxTotalBytes: 50 } }))!);
    expect(there.paths).toEqual(here.paths);
    for (const path of here.paths) expect(await there.readText(path)).toBe(await here.readText(path));
    expect(there.skipped()).toEqual(here.skipped());
    expect(there.skipped().map(s => s.reason).sort()).toEqual(['binary', 'budget']);
  });
});
