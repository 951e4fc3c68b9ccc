import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { GithubProcess, startGithubProcess } from './github';

describe("the bench's GitHub, in a process of its own", () => {
  let reposDir: string;
  let github: GithubProcess;

  beforeAll(async () => {
    reposDir = fs.mkdtempSync(join(os.tmpdir(), 'bench-github-'));
    fs.mkdirSync(join(reposDir, 'svc-1'));
    fs.writeFileSync(join(reposDir, 'svc-1', 'README.md'), '# svc-1\n');
    github = await startGithubProcess(reposDir);
  }, 60_000);

  afterAll(async () => {
    await github?.stop();
    fs.rmSync(reposDir, { recursive: true, force: true });
  });

  it('serves a commit per repository, moves it on a commit and counts the requests', async () => {
    const sha = async () => {
      const res = await fetch(`${github.apiBaseUrl}/repos/bench/svc-1/commits/main/status?per_page=0`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { sha: string }).sha;
    };
    const first = await sha();
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(await sha()).toBe(first);
    await github.commit(['svc-1']);
    const second = await sha();
    expect(second).not.toBe(first);
    const tarball = await fetch(`${github.apiBaseUrl}/repos/bench/svc-1/tarball/${second}`);
    expect(Buffer.from(await tarball.arrayBuffer()).includes('# svc-1')).toBe(true);
    expect(await github.requests()).toEqual({ status: 3, tarball: 1 });
    expect((await fetch(`${github.apiBaseUrl}/repos/bench/nope/commits/main/status`)).status).toBe(404);
  });
});
