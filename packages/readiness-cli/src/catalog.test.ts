import { ReadinessCheck } from '@prodready/plugin-readiness-node';
import {
  NO_CATALOG_REASON,
  parseIdList,
  selectChecks,
  withoutCatalog,
} from './catalog';

const check = (id: string, scope: ReadinessCheck['scope']): ReadinessCheck =>
  Object.freeze({
    id,
    title: id,
    category: scope === 'catalog' ? 'catalog' : 'ci-cd',
    severity: 'high',
    description: 'd',
    rationale: 'r',
    remediation: 'f',
    effort: 'S',
    scope,
    origin: 'custom',
    run: () => ({ score: 100, summary: 'ran' }),
  } as ReadinessCheck);

describe('withoutCatalog', () => {
  it('makes catalog checks not applicable and keeps everything else about them', async () => {
    const [repo, cat] = withoutCatalog([
      check('a', 'repository'),
      check('b', 'catalog'),
    ]);
    expect(repo.applies).toBeUndefined();
    expect(cat).toMatchObject({
      id: 'b',
      scope: 'catalog',
      title: 'b',
      origin: 'custom',
    });
    expect(await cat.applies!({} as any)).toEqual({
      reason: NO_CATALOG_REASON,
    });
  });
});

describe('selectChecks', () => {
  const all = [
    check('ci-pipeline', 'repository'),
    check('ci-lint', 'repository'),
    check('catalog-owner', 'catalog'),
  ];
  it('narrows to --checks minus --skip', () => {
    expect(selectChecks(all, [], []).map(c => c.id)).toEqual([
      'ci-pipeline',
      'ci-lint',
      'catalog-owner',
    ]);
    expect(
      selectChecks(
        all,
        parseIdList(['ci-pipeline, ci-lint', 'catalog-owner']),
        ['ci-lint'],
      ).map(c => c.id),
    ).toEqual(['ci-pipeline', 'catalog-owner']);
  });
  it('refuses unknown ids with a suggestion', () => {
    expect(() => selectChecks(all, ['ci-lnt'], [])).toThrow(
      "Unknown check id 'ci-lnt' in --checks; did you mean 'ci-lint'? Run 'readiness checks' to list them",
    );
    expect(() => selectChecks(all, [], ['zzz'])).toThrow(
      "Unknown check id 'zzz' in --skip Run",
    );
  });
});
