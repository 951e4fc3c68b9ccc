/*
 * The composite GitHub Action: its audit step's script runs here under bash
 * with the environment a runner gives it, and the CLI of this workspace on
 * PATH (the `install: false` mode).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, PACKAGE_DIR, makeTempDir, writeTree } from './testUtils';

jest.setTimeout(60_000);

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: {
    using: string;
    steps: Array<{
      id?: string;
      run?: string;
      env?: Record<string, string>;
      uses?: string;
    }>;
  };
}

let action: Action;
let tmp: string;
let repo: string;
let shims: string;

beforeAll(async () => {
  action = parse(await fs.readFile(join(PACKAGE_DIR, 'action.yml'), 'utf8'));
  tmp = await makeTempDir('readiness-action-');
  repo = join(tmp, 'repo');
  shims = join(tmp, 'bin');
  await writeTree(tmp, {
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/README.md': '# svc\n',
    'repo/catalog-info.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\nspec:\n  type: service\n  owner: team-a\n  lifecycle: production\n',
    'bin/readiness': `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`,
  });
  await fs.chmod(join(shims, 'readiness'), 0o755);
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function runAction(inputs: Record<string, string>) {
  const step = action.runs.steps.find(s => s.id === 'audit')!;
  const env: NodeJS.ProcessEnv = {
    PATH: `${shims}:${process.env.PATH}`,
    HOME: process.env.HOME,
    RUNNER_TEMP: tmp,
    GITHUB_STEP_SUMMARY: join(tmp, 'summary.md'),
    GITHUB_OUTPUT: join(tmp, 'output.txt'),
  };
  await fs.writeFile(env.GITHUB_STEP_SUMMARY!, '');
  await fs.writeFile(env.GITHUB_OUTPUT!, '');
  // What the runner does with `env:`: each ${{ inputs.x }} becomes the input or its default.
  for (const [key, expr] of Object.entries(step.env ?? {})) {
    const name = /\$\{\{ inputs\.([\w-]+) \}\}/.exec(expr)![1];
    env[key] = inputs[name] ?? action.inputs[name].default ?? '';
  }
  const result = await new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
  }>((resolve, reject) => {
    const child = // as the runner starts a `shell: bash` step
      spawn(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!],
        { cwd: repo, env },
      );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ code, stdout, stderr }));
  });
  const outputs = Object.fromEntries(
    (await fs.readFile(env.GITHUB_OUTPUT!, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map(line => line.split(/=(.*)/s).slice(0, 2)),
  );
  const summary = await fs.readFile(env.GITHUB_STEP_SUMMARY!, 'utf8');
  return { ...result, outputs, summary };
}

describe('action.yml', () => {
  it('is a composite action whose inputs all reach the script through env', () => {
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find(s => s.id === 'audit')!;
    const passed = Object.values(step.env!).map(
      v => /inputs\.([\w-]+)/.exec(v)![1],
    );
    for (const name of Object.keys(action.inputs)) {
      if (name === 'node-version') continue; // used by the setup-node step
      expect(passed).toContain(name);
    }
    expect(step.run).not.toMatch(/\$\{\{/); // no expression interpolated into the script
    for (const output of Object.values(action.outputs)) {
      expect(output.value).toMatch(
        /^\$\{\{ steps\.audit\.outputs\.[\w-]+ \}\}$/,
      );
    }
  });

  it('writes the Markdown summary, the SARIF file and the outputs', async () => {
    const sarif = join(tmp, 'out', 'readiness.sarif');
    const { code, outputs, summary, stderr } = await runAction({
      install: 'false',
      'sarif-file': sarif,
    });
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^readiness: wrote the json report to .*readiness-scorecard\.json/,
    );
    expect(summary).toMatch(/^## (🟢|🟡|🔴) Readiness of svc: \d+\/100/);
    expect(JSON.parse(await fs.readFile(sarif, 'utf8')).version).toBe('2.1.0');
    expect(outputs).toEqual({
      score: expect.stringMatching(/^\d+$/),
      level: expect.stringMatching(
        /^(production-ready|almost-ready|needs-work)$/,
      ),
      gaps: expect.stringMatching(/^\d+$/),
      'json-file': join(tmp, 'readiness-scorecard.json'),
      'sarif-file': sarif,
    });
    const card = JSON.parse(await fs.readFile(outputs['json-file'], 'utf8'));
    expect(String(card.score)).toBe(outputs.score);
  });

  it('fails the step on the gate, after writing the summary', async () => {
    const { code, outputs, summary, stdout } = await runAction({
      install: 'false',
      'fail-under': '100',
      config: `\n  ${join(tmp, 'nothing-here.yaml')}  \n`,
    });
    // the config file does not exist: bad input, exit 2, nothing written
    expect(code).toBe(2);
    expect(summary).toBe('');
    expect(outputs).toEqual({});
    expect(stdout).toContain('::error::readiness audit failed (exit 2)');

    await fs.writeFile(
      join(tmp, 'strict.yaml'),
      'readiness:\n  thresholds:\n    criticalGate: 50\n',
    );
    const gated = await runAction({
      install: 'false',
      'fail-under': '100',
      config: join(tmp, 'strict.yaml'),
    });
    expect(gated.code).toBe(1);
    expect(gated.summary).toMatch(/^## /);
    expect(gated.outputs.score).toMatch(/^\d+$/);
    expect(gated.stdout).toContain('::error::Readiness gate failed');
  });
});
