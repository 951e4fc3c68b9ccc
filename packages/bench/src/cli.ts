/**
 * The CLI section: `readiness audit <dir> --format json` end to end (process
 * start included) on repositories of 500 and 10,000 files and on one with a
 * 200 MB file; wall time (median of runs) and peak RSS.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { dirname, join } from 'node:path';
import { TemplateRepo } from './repos';
import { median } from './stats';

export interface CliRepoResult {
  repo: string;
  files: number;
  bytes: number;
  runsMs: number[];
  medianMs: number;
  peakRssBytes: number;
  score?: number;
  fileCount?: number;
  targetMs?: number;
}

export type CliSectionResult =
  | { skipped: string }
  | { repos: CliRepoResult[]; rssMethod: string; build: 'published bundle' | 'workspace sources' };

const SOURCE_EXT = /\.(ts|tsx|js|mjs|py|go)$/;

/** Writes a repository of exactly `count` files: a template, then copies of its sources. */
export function writeRepoOfSize(dir: string, template: TemplateRepo, count: number): void {
  const files = template.files.slice(0, count);
  const sources = template.files.filter(f => SOURCE_EXT.test(f.path));
  const pool = sources.length ? sources : template.files;
  const write = (path: string, content: Buffer) => {
    const abs = join(dir, ...path.split('/'));
    fs.mkdirSync(dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  for (const f of files) write(f.path, f.content);
  for (let k = 0; files.length + k < count; k++) {
    const src = pool[k % pool.length];
    const folder = `src/generated/part${Math.floor(k / 200)}`;
    write(`${folder}/m${k}-${src.path.split('/').pop()}`, src.content);
  }
}

/** Writes a text file of `bytes` bytes in chunks (never whole in memory). */
export function writeLargeFile(file: string, bytes: number): void {
  fs.mkdirSync(dirname(file), { recursive: true });
  const line = Buffer.from('INSERT INTO events (id, kind, payload) VALUES (42, \'audit\', \'{"ok":true}\');\n');
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1 << 20) / line.length) }, () => line)).subarray(0, 1 << 20);
  const fd = fs.openSync(file, 'w');
  try {
    let written = 0;
    while (written < bytes) {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - written));
      fs.writeSync(fd, part);
      written += part.length;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(abs).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

// Without /usr/bin/time: a preload that reports the CLI process' own peak RSS at exit.
const RSS_PRELOAD = `process.on('exit', () => process.stderr.write('\\nMaximum resident set size (kbytes): ' + process.resourceUsage().maxRSS + '\\n'));\n`;

function runCli(
  bin: string,
  dir: string,
  rss: { time: true } | { preload: string },
): { ms: number; rssBytes: number; stdout: string; status: number } {
  const args = [bin, 'audit', dir, '--format', 'json'];
  const started = performance.now();
  const r =
    'time' in rss
      ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(process.execPath, ['-r', rss.preload, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { ms, rssBytes: m ? Number(m[1]) * 1024 : NaN, stdout: r.stdout ?? '', status: r.status ?? -1 };
}

export async function cliSection(options: {
  repoRoot: string;
  tmp: string;
  templates: TemplateRepo[];
  runs: number;
  /** The `readiness` command to run; default: the workspace's. */
  bin?: string;
  log: (line: string) => void;
}): Promise<CliSectionResult> {
  const { log } = options;
  const bin = options.bin || join(options.repoRoot, 'packages/readiness-cli/bin/readiness');
  if (!fs.existsSync(bin)) return { skipped: `the CLI is not there (${options.bin ? bin : 'packages/readiness-cli/bin/readiness'} is missing)` };
  // The bin runs the TypeScript sources when they sit beside it (the workspace), else the bundle.
  const build = fs.existsSync(join(dirname(fs.realpathSync(bin)), '../src')) ? 'workspace sources' : 'published bundle';
  const template = options.templates.find(t => t.name === 'payments-api') ?? options.templates[0];
  const root = fs.mkdtempSync(join(options.tmp, 'cli-'));
  const repos: { name: string; dir: string; targetMs?: number }[] = [
    { name: '500 files', dir: join(root, 'files-500'), targetMs: 1000 },
    { name: '10,000 files', dir: join(root, 'files-10000'), targetMs: 5000 },
    { name: 'one 200 MB file', dir: join(root, 'big-file') },
  ];
  writeRepoOfSize(repos[0].dir, template, 500);
  writeRepoOfSize(repos[1].dir, template, 10_000);
  writeRepoOfSize(repos[2].dir, template, template.files.length);
  writeLargeFile(join(repos[2].dir, 'data/events-dump.sql'), 200 * 1024 * 1024);

  const useTime = fs.existsSync('/usr/bin/time');
  const preload = join(root, 'rss-preload.js');
  fs.writeFileSync(preload, RSS_PRELOAD);
  const rss = useTime ? ({ time: true } as const) : { preload };
  // A first run that fails means the CLI is not runnable yet: skip, saying why.
  const probe = runCli(bin, repos[0].dir, rss);
  let parsed: { score?: number } | undefined;
  try {
    parsed = JSON.parse(probe.stdout);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed.score !== 'number') {
    fs.rmSync(root, { recursive: true, force: true });
    return { skipped: `the CLI did not produce a JSON scorecard (exit ${probe.status}): ${probe.stdout.slice(0, 200)}` };
  }

  const results: CliRepoResult[] = [];
  for (const repo of repos) {
    const { files, bytes } = folderStats(repo.dir);
    runCli(bin, repo.dir, rss); // warm the file cache
    const runsMs: number[] = [];
    let peak = 0;
    let score: number | undefined;
    let fileCount: number | undefined;
    for (let i = 0; i < options.runs; i++) {
      const r = runCli(bin, repo.dir, rss);
      const card = JSON.parse(r.stdout) as { score: number; source?: { fileCount?: number } };
      score = card.score;
      fileCount = card.source?.fileCount;
      runsMs.push(r.ms);
      peak = Math.max(peak, r.rssBytes);
    }
    const result: CliRepoResult = {
      repo: repo.name,
      files,
      bytes,
      runsMs,
      medianMs: median(runsMs),
      peakRssBytes: peak,
      score,
      fileCount,
      targetMs: repo.targetMs,
    };
    log(
      `  CLI ${repo.name}: median ${result.medianMs.toFixed(0)} ms over ${options.runs} runs, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, score ${score}, ${fileCount} files listed`,
    );
    results.push(result);
  }
  fs.rmSync(root, { recursive: true, force: true });
  return { repos: results, rssMethod: useTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS at exit', build };
}
