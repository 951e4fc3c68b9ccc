import picomatch from 'picomatch';
import { InMemorySnapshot } from '../snapshot/InMemorySnapshot';
import { RepositorySnapshot } from '../snapshot/RepositorySnapshot';
import { isCodeSignalPath, relativeTo } from './paths';
import { FindOptions, RepoView, SearchScope } from './RepoView';

/** find as a plain scan with picomatch over every path: what the indexes must reproduce. */
function scan(snapshot: RepositorySnapshot, patterns: string[], options: FindOptions): string[] {
  const byName = picomatch(patterns.filter(p => !p.includes('/')), { dot: true });
  const byPath = picomatch(patterns.filter(p => p.includes('/')), { dot: true });
  return snapshot.paths.filter(path => {
    if (!options.includeNotOwnCode && !isCodeSignalPath(path)) return false;
    const rel = options.scope === 'entity' ? relativeTo(path, snapshot.entityPath) : path;
    if (rel === undefined) return false;
    return byPath(rel) || byName(rel.slice(rel.lastIndexOf('/') + 1));
  });
}

describe('RepoView.find', () => {
  const snapshot = new InMemorySnapshot(
    {
      'services/api/Dockerfile': 'FROM node',
      'services/api/src/index.ts': 'x',
      'services/api/node_modules/dep/Dockerfile': 'FROM vendored',
      'services/api/test/fixtures/Dockerfile': 'FROM fixture',
      '.github/workflows/ci.yml': 'on: push',
    },
    { entityPath: 'services/api' },
  );

  it('searches the entity folder, the root or the repository, without vendored files or fixtures', () => {
    const repo = new RepoView(snapshot);
    expect(repo.find('Dockerfile')).toEqual(['services/api/Dockerfile']);
    expect(repo.find('Dockerfile', { includeNotOwnCode: true })).toHaveLength(3);
    expect(repo.find('.github/workflows/*.yml', { scope: 'root' })).toEqual(['.github/workflows/ci.yml']);
    expect(repo.find('.github/workflows/*.yml')).toEqual([]);
    expect(repo.entityFiles()).toEqual(['services/api/Dockerfile', 'services/api/src/index.ts']);
  });

  it('answers repeated searches from its cache with a fresh array each time', () => {
    const repo = new RepoView(snapshot);
    const first = repo.find(['Dockerfile', '*.ts']);
    first.push('mutated by a caller');
    expect(repo.find(['Dockerfile', '*.ts'])).toEqual(['services/api/Dockerfile', 'services/api/src/index.ts']);
    // Same patterns under another scope or option are another search.
    expect(repo.find(['Dockerfile', '*.ts'], { includeNotOwnCode: true })).toHaveLength(4);
  });
});

describe('RepoView.find indexes', () => {
  const files = [
    'Dockerfile',
    'README.md',
    'readme.md',
    '.env',
    '.env.local',
    '.ts',
    'index.ts',
    'Z.ts',
    'a.d.ts',
    'ts',
    'x.Dockerfile',
    'Dockerfile.prod',
    'a.tfvars.json',
    'config/app.yaml',
    'src/index.ts',
    'src/config/app.yaml',
    'node_modules/dep/index.ts',
    'test/fixtures/Dockerfile',
    '.github/workflows/ci.yml',
    'docker-compose.prod.yml',
    'deploy/docker-compose.yml',
    'config/app.yml',
    'a.',
  ];
  const all = [...files, ...files.map(f => `services/api/${f}`), 'services/apix/index.ts'];
  const patternLists = [
    ['Dockerfile'],
    ['index.ts'],
    ['.env'],
    ['*.ts'],
    ['*.Dockerfile'],
    ['*.json'],
    ['*.tfvars.json'],
    ['README*', '*.md'],
    ['Dockerfile', 'Dockerfile.*', '*.Dockerfile'],
    ['*.ts', 'index.ts', 'Dockerfile', 'index.ts'],
    ['.env*', '*.env'],
    ['**/config/*', 'app.yaml'],
    ['.github/workflows/*.yml', 'ci.yml'],
    ['config/app.yaml'],
    ['ts', 'missing', '*.missing'],
    ['*.{ts,json}'],
    ['*.{md,ts,md}', '*.{json}'],
    ['docker-compose*.yml', '**/config/*.yaml', 'config/*.{yml,yaml}'],
    ['.github/workflows/*.{yml,yaml}', '.github/workflows/ci.yml'],
    ['*/docker-compose*.yml', '**/*.json', 'a*.', '*.'],
    ['Dockerfile*', 'READ*', '.github/*/ci.*', 'src/**', 'config/*', 'services/api/*', 'docker-compose.prod.*'],
    [],
  ];

  it.each(['', 'services/api'])('gives what a scan over every path gives (entity %j)', entityPath => {
    const snapshot = new InMemorySnapshot(Object.fromEntries(all.map(f => [f, 'x'])), { entityPath });
    for (const scope of ['entity', 'root', 'repo'] as SearchScope[]) {
      for (const includeNotOwnCode of [false, true]) {
        const repo = new RepoView(snapshot);
        for (const patterns of patternLists) {
          const options = { scope, includeNotOwnCode };
          const expected = scan(snapshot, patterns, options);
          expect([patterns, options, repo.find(patterns, options)]).toEqual([patterns, options, expected]);
        }
      }
    }
  });

  it('keeps the snapshot order when several patterns match', () => {
    const snapshot = new InMemorySnapshot({ 'b.ts': '', 'a/Dockerfile': '', 'c/Dockerfile': '', 'a.ts': '' });
    const repo = new RepoView(snapshot);
    expect(repo.find(['*.ts', 'Dockerfile'])).toEqual(snapshot.paths);
    expect(repo.find(['Dockerfile', '*.ts'])).toEqual(snapshot.paths);
  });

  it('rejects an empty pattern, as picomatch does', () => {
    const repo = new RepoView(new InMemorySnapshot({ 'a.ts': '' }));
    expect(() => repo.find(['*.ts', ''])).toThrow();
  });
});
