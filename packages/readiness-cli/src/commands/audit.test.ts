import { DEFAULT_SNAPSHOT_LIMITS } from '@prodready/plugin-readiness-node';
import { describeSkipped, gateFailure, resolveFormat } from './audit';

describe('resolveFormat', () => {
  it('takes --format, else the --output extension, else table', () => {
    expect(resolveFormat('json', 'x.sarif')).toBe('json');
    expect(resolveFormat(undefined, 'out/readiness.sarif')).toBe('sarif');
    expect(resolveFormat(undefined, 'readiness.sarif.json')).toBe('sarif');
    expect(resolveFormat(undefined, 'card.JSON')).toBe('json');
    expect(resolveFormat(undefined, 'summary.md')).toBe('markdown');
    expect(resolveFormat(undefined, 'report.txt')).toBe('table');
    expect(resolveFormat()).toBe('table');
  });
});

describe('gateFailure', () => {
  it('fails below --fail-under and at or below --fail-on-level', () => {
    expect(
      gateFailure({ score: 70, level: 'almost-ready' }, {}),
    ).toBeUndefined();
    expect(
      gateFailure({ score: 70, level: 'almost-ready' }, { failUnder: 70 }),
    ).toBeUndefined();
    expect(
      gateFailure({ score: 69, level: 'needs-work' }, { failUnder: 70 }),
    ).toBe('score 69 is below --fail-under 70');
    expect(
      gateFailure(
        { score: 70, level: 'almost-ready' },
        { failOnLevel: 'needs-work' },
      ),
    ).toBeUndefined();
    expect(
      gateFailure(
        { score: 70, level: 'almost-ready' },
        { failOnLevel: 'almost-ready' },
      ),
    ).toBe('level almost-ready is at or below --fail-on-level almost-ready');
    expect(
      gateFailure(
        { score: 90, level: 'production-ready' },
        { failOnLevel: 'almost-ready' },
      ),
    ).toBeUndefined();
    expect(
      gateFailure(
        { score: 10, level: 'needs-work' },
        { failUnder: 50, failOnLevel: 'almost-ready' },
      ),
    ).toBe(
      'score 10 is below --fail-under 50; level needs-work is at or below --fail-on-level almost-ready',
    );
  });
});

describe('describeSkipped', () => {
  it('groups skipped files by reason and names at most five', () => {
    const notes = describeSkipped(
      [
        ...Array.from({ length: 7 }, (_, i) => ({
          path: `big${i}.log`,
          reason: 'too-large' as const,
        })),
        { path: 'a.bin', reason: 'binary' },
        { path: 'link', reason: 'symlink-outside-root' },
        { path: 'late.txt', reason: 'budget' },
      ],
      DEFAULT_SNAPSHOT_LIMITS,
    );
    expect(notes).toEqual([
      '7 files over the 1 MiB size cap, not read: big0.log, big1.log, big2.log, big3.log, big4.log and 2 more',
      '1 file binary, not read: a.bin',
      '1 file symbolic link out of the repository root, not followed: link',
      '1 file past the 64 MiB read budget, not read: late.txt',
    ]);
  });
});
