import { DownloadedTree, SourceRun } from './SourceRun';

const tree = (etag: string, bytes: number): DownloadedTree => ({ etag, files: {}, bytes });

describe('SourceRun', () => {
  it('downloads a whole tree once however many entities ask at once', async () => {
    const run = new SourceRun(100);
    const download = jest.fn(async () => tree('a', 10));
    const trees = await Promise.all([1, 2, 3].map(() => run.tree('https://x/a', download)));
    expect(trees.map(t => t?.etag)).toEqual(['a', 'a', 'a']);
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('keeps trees up to its budget, dropping the oldest first, and remembers a failed download as none', async () => {
    const run = new SourceRun(100);
    await run.tree('https://x/a', async () => tree('a', 60));
    await run.tree('https://x/b', async () => tree('b', 30));
    await run.tree('https://x/c', async () => tree('c', 50)); // 140 > 100: a goes
    const kept = jest.fn(async () => tree('b2', 1));
    expect((await run.tree('https://x/b', kept))?.etag).toBe('b');
    expect(kept).not.toHaveBeenCalled();
    const again = jest.fn(async () => tree('a2', 60));
    expect((await run.tree('https://x/a', again))?.etag).toBe('a2');
    expect(again).toHaveBeenCalledTimes(1);

    const failing = jest.fn(async (): Promise<DownloadedTree> => {
      throw new Error('403 rate limit exceeded');
    });
    expect(await run.tree('https://x/d', failing)).toBeUndefined();
    expect(await run.tree('https://x/d', failing)).toBeUndefined();
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
