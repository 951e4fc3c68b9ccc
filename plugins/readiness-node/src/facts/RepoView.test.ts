import { InMemorySnapshot } from '../snapshot/InMemorySnapshot';
import { RepoView } from './RepoView';

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
