/**
 * The bench's GitHub: the Readiness backend's fake GitHub API (its tests' own,
 * `testing/fakeGithub.ts`) over the generated repositories, which Backstage's
 * GithubUrlReader in the measured backend reads as `https://github.bench.test`.
 * It runs in a process of its own, so that its CPU and event loop are not
 * counted as the backend's (GitHub's are not an installation's); it still
 * shares the machine's cores.
 */
import { fork } from 'node:child_process';
// A bench-only reach into the plugin's test helpers: one fake GitHub for both.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports, @backstage/no-forbidden-package-imports
import { startFakeGithub } from '@prodready/plugin-readiness-backend/src/testing/fakeGithub';
import { GITHUB_OWNER } from './repos';

export interface GithubRequests {
  /** Commit status requests: one per `readTree` (the revision check). */
  status: number;
  /** Tarballs downloaded. */
  tarball: number;
}

export interface GithubProcess {
  apiBaseUrl: string;
  /** Records a commit on each of these repositories (folder names). */
  commit(repos: string[]): Promise<void>;
  requests(): Promise<GithubRequests>;
  stop(): Promise<void>;
}

type ToChild = { id: number; commit?: string[] };
type FromChild = { apiBaseUrl: string } | { id: number; requests: GithubRequests };

/** Starts the bench's GitHub over `reposDir` in a child process. */
export function startGithubProcess(reposDir: string): Promise<GithubProcess> {
  // Its sources are TypeScript: the child loads them through Backstage's transform, as `yarn bench` does.
  const child = fork(__filename, [reposDir], {
    execArgv: ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (r: GithubRequests) => void>();
  let next = 0;
  const ask = (message: Omit<ToChild, 'id'>) =>
    new Promise<GithubRequests>(resolve => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ ...message, id });
    });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`The bench's GitHub stopped with code ${code}`)));
    child.on('message', (m: FromChild) => {
      if ('apiBaseUrl' in m) {
        resolve({
          apiBaseUrl: m.apiBaseUrl,
          commit: async repos => {
            await ask({ commit: repos });
          },
          requests: () => ask({}),
          stop: () =>
            new Promise(done => {
              child.removeAllListeners('exit');
              child.once('exit', () => done());
              child.kill();
            }),
        });
      } else {
        pending.get(m.id)?.(m.requests);
        pending.delete(m.id);
      }
    });
  });
}

if (require.main === module) {
  startFakeGithub({ reposDir: process.argv[2], owner: GITHUB_OWNER }).then(github => {
    process.on('message', (m: ToChild) => {
      if (m.commit) github.commit(m.commit);
      process.send!({ id: m.id, requests: { ...github.requests } });
    });
    process.on('disconnect', () => process.exit(0));
    process.send!({ apiBaseUrl: github.apiBaseUrl });
  });
}
