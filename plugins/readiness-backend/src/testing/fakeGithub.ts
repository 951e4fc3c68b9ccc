import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';

/**
 * The part of GitHub's REST API that Backstage's GithubUrlReader.readTree
 * uses, on loopback: a branch's commit status (for the commit SHA, which is
 * the tree's ETag) and the tarball of a commit. Each folder under `reposDir`
 * is a repository `<owner>/<folder>`, on one branch; its SHA moves when
 * {@link FakeGithub.commit} is called. GitHub cannot be reached from tests
 * and benches; the reader in front of it is Backstage's own.
 */
export interface FakeGithub {
  /** The API's base URL, for `integrations.github[].apiBaseUrl`. */
  apiBaseUrl: string;
  /** Requests served, by kind. */
  requests: { status: number; tarball: number };
  /** Records a new commit on the repositories (their folders changed). */
  commit(repos: string[]): void;
  /** Makes every request fail as GitHub does when the hourly allowance is spent, or in an outage; undefined to serve again. */
  failWith(failure: 'rate-limit' | 'outage' | undefined): void;
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9._-]+$/;

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  // ustar: a name over 100 bytes goes into the 155-byte prefix, split at a '/'.
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const i = findSplit(name);
    if (i < 0) throw new Error(`Path too long for a tarball: ${name}`);
    prefix = name.slice(0, i);
    base = name.slice(i + 1);
  }
  h.write(base, 0, 100);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.fill(' ', 148, 156);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

// The last '/' that leaves at most 100 bytes after it and 155 before it.
function findSplit(name: string): number {
  for (let i = name.length - 1; i >= 0; i--) {
    if (name[i] !== '/') continue;
    if (Buffer.byteLength(name.slice(i + 1)) > 100) return -1;
    if (Buffer.byteLength(name.slice(0, i)) <= 155) return i;
  }
  return -1;
}

/** An uncompressed tarball of the files under `dir`, each under `top/`, as GitHub's archives nest them. */
export function tarballOf(dir: string, top: string): Buffer {
  const parts: Buffer[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = join(folder, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile()) {
        const content = fs.readFileSync(abs);
        parts.push(header(`${top}/${relative(dir, abs).split(sep).join('/')}`, content.length), content);
        const pad = (512 - (content.length % 512)) % 512;
        if (pad) parts.push(Buffer.alloc(pad));
      }
    }
  };
  walk(dir);
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** Starts a fake GitHub API on 127.0.0.1 over the folders of `reposDir`, owned by `owner`. */
export async function startFakeGithub(options: { reposDir: string; owner: string }): Promise<FakeGithub> {
  const { reposDir, owner } = options;
  const commits = new Map<string, number>();
  const requests = { status: 0, tarball: 0 };
  let failure: 'rate-limit' | 'outage' | undefined;
  const shaOf = (repo: string) =>
    createHash('sha1').update(`${owner}/${repo}@${commits.get(repo) ?? 0}`).digest('hex');

  let apiBaseUrl = '';
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (failure === 'rate-limit') {
      res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0' });
      res.end(JSON.stringify({ message: 'API rate limit exceeded' }));
      return;
    }
    if (failure === 'outage') {
      send(503, { message: 'Service Unavailable' });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = /^\/repos\/([^/]+)\/([^/]+)\/(?:commits\/[^/]+\/status|tarball\/([0-9a-f]{40}))$/.exec(path);
    const repo = match?.[2];
    if (req.method !== 'GET' || !match || match[1] !== owner || !repo || !NAME.test(repo) || repo.startsWith('.')) {
      send(404, { message: 'Not Found' });
      return;
    }
    const dir = join(reposDir, repo);
    if (!fs.existsSync(dir)) {
      send(404, { message: 'Not Found' });
      return;
    }
    const sha = shaOf(repo);
    if (!match[3]) {
      requests.status++;
      send(200, {
        state: 'success',
        sha,
        total_count: 0,
        repository: { full_name: `${owner}/${repo}`, archive_url: `${apiBaseUrl}/repos/${owner}/${repo}/{archive_format}{/ref}` },
      });
      return;
    }
    if (match[3] !== sha) {
      send(404, { message: 'No commit found for the ref' });
      return;
    }
    requests.tarball++;
    const body = tarballOf(dir, `${owner}-${repo}-${sha.slice(0, 7)}`);
    res.writeHead(200, { 'content-type': 'application/x-tar', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  apiBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiBaseUrl,
    requests,
    commit(repos) {
      for (const r of repos) commits.set(r, (commits.get(r) ?? 0) + 1);
    },
    failWith(f) {
      failure = f;
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
