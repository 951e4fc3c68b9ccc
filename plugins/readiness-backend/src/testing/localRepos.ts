import { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes small repositories into a temporary root; returns the root. */
export async function writeRepos(repos: Record<string, Record<string, string>>): Promise<string> {
  const root = await fs.mkdtemp(join(tmpdir(), 'readiness-repos-'));
  for (const [repo, files] of Object.entries(repos)) {
    for (const [path, text] of Object.entries(files)) {
      const file = join(root, repo, path);
      await fs.mkdir(dirname(file), { recursive: true });
      await fs.writeFile(file, text);
    }
  }
  return root;
}

/** A Component whose source is a folder under `root`. */
export function localComponent(name: string, root: string, extra: Partial<Entity['metadata']> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      description: `The ${name} service, used in readiness tests`,
      annotations: { 'backstage.io/source-location': `file:${join(root, name)}` },
      ...extra,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
  };
}

/** A service that is reasonably complete, and one that is bare. */
export const GOOD_REPO = {
  'Dockerfile': 'FROM node:22.11-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci\nFROM node:22.11-alpine\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/index.js"]\n',
  '.github/workflows/ci.yml': 'on:\n  pull_request:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npx eslint .\n      - run: npm test -- --coverage\n',
  'package.json': JSON.stringify({ name: 'good', dependencies: { express: '^4', pino: '^9', 'prom-client': '^15' } }),
  'package-lock.json': '{}',
  'src/index.js': "const app = require('express')();\napp.get('/healthz', (req, res) => res.send('ok'));\nprocess.on('SIGTERM', () => server.close());\n",
  'src/index.test.js': "test('ok', () => expect(1).toBe(1));\n",
  'RUNBOOK.md': `# Runbook\n\n${'When the service is slow, check the dashboard, then the database, then recent deploys. '.repeat(20)}\n`,
};

export const BARE_REPO = {
  'README.md': 'Bare service.\n',
  'main.py': 'print("hello")\n',
};
