import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { backendFeatures } from './features';

// Smoke test of the backend: starts the feature list of index.ts (real plugins,
// a real in-memory SQLite database, a real HTTP server on a free port) with the
// real auth services rather than the test mocks, then signs in as a guest like
// the app does and reads the catalog with that token, through the real
// permission backend. The test writes its own catalog file, so it does not
// depend on examples/.

jest.setTimeout(120_000);

const catalogYaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: smoke-team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: smoke-system
spec:
  owner: group:smoke-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: smoke-service
  description: A service written by the backend smoke test
spec:
  type: service
  lifecycle: production
  owner: group:smoke-team
  system: smoke-system
`;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) {
      return result;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('backend', () => {
  let tmpDir: string;
  let baseUrl: string;

  beforeAll(async () => {
    tmpDir = mkdtempSync(join(tmpdir(), 'readiness-backend-smoke-'));
    const catalogFile = join(tmpDir, 'catalog.yaml');
    writeFileSync(catalogFile, catalogYaml, 'utf8');

    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000', title: 'Readiness' },
            backend: {
              baseUrl: 'http://localhost:7007',
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            // Jest runs with NODE_ENV=test, where the guest provider only
            // signs in when told so explicitly.
            auth: {
              providers: {
                guest: { dangerouslyAllowOutsideDevelopment: true },
              },
            },
            permission: { enabled: true },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                    'Domain',
                  ],
                },
              ],
              locations: [{ type: 'file', target: catalogFile }],
            },
          },
        }),
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        ...backendFeatures,
      ],
    });

    const address = backend.server.address();
    if (!address || typeof address === 'string') {
      throw new Error(`Unexpected server address ${address}`);
    }
    baseUrl = `http://localhost:${address.port}`;
  });

  afterAll(() => {
    if (tmpDir) {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  });

  async function signInAsGuest(): Promise<string> {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.backstageIdentity.identity.userEntityRef).toBe(
      'user:development/guest',
    );
    return body.backstageIdentity.token;
  }

  it('answers the readiness health check', async () => {
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses catalog requests without credentials', async () => {
    const res = await fetch(`${baseUrl}/api/catalog/entities`);
    expect(res.status).toBe(401);
  });

  it('signs in a guest who then reads the configured catalog location', async () => {
    const headers = { Authorization: `Bearer ${await signInAsGuest()}` };

    const entity = await waitFor('smoke-service in the catalog', async () => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/component/default/smoke-service`,
        { headers },
      );
      if (res.status === 404) {
        return undefined; // not ingested yet
      }
      expect(res.status).toBe(200);
      return res.json();
    });
    expect(entity.metadata.description).toBe(
      'A service written by the backend smoke test',
    );
    expect(entity.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/smoke-team' },
        { type: 'partOf', targetRef: 'system:default/smoke-system' },
      ]),
    );

    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=kind=group,kind=system,kind=component`,
      { headers },
    );
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(
      items
        .map(
          (e: { kind: string; metadata: { name: string } }) =>
            `${e.kind}:${e.metadata.name}`,
        )
        .sort(),
    ).toEqual([
      'Component:smoke-service',
      'Group:smoke-team',
      'System:smoke-system',
    ]);

    const missing = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/no-such-thing`,
      { headers },
    );
    expect(missing.status).toBe(404);
  });

  it('answers permission requests with the allow-all policy', async () => {
    const res = await fetch(`${baseUrl}/api/permission/authorize`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await signInAsGuest()}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        items: [
          {
            id: '1',
            permission: {
              type: 'basic',
              name: 'catalog.entity.create',
              attributes: { action: 'create' },
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [{ id: '1', result: 'ALLOW' }] });
  });

  it('audits a catalog entity on demand through the readiness plugin', async () => {
    const headers = { Authorization: `Bearer ${await signInAsGuest()}` };
    await waitFor('smoke-service in the catalog', async () => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/component/default/smoke-service`,
        { headers },
      );
      return res.status === 200 ? true : undefined;
    });
    const res = await fetch(
      `${baseUrl}/api/readiness/scorecards/component/default/smoke-service/audit`,
      { method: 'POST', headers },
    );
    expect(res.status).toBe(200);
    const scorecard = await res.json();
    // No readiness.localRoots here: its file source is refused, and says so,
    // while the catalog checks still score the entity.
    expect(scorecard.status).toBe('source-unavailable');
    expect(scorecard.statusReason).toMatch(/readiness\.localRoots/);
    expect(
      scorecard.checks.find(
        (c: { checkId: string }) => c.checkId === 'catalog-owner',
      ).status,
    ).toBe('pass');
    const board = await fetch(`${baseUrl}/api/readiness/leaderboard`, {
      headers,
    });
    expect((await board.json()).total).toBe(1);
  });
});
