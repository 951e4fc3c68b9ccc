import { healthEndpointCheck, healthProbesCheck } from './health';
import { runCheck, testEntity } from './testUtils';

describe('health-endpoint', () => {
  it.each([
    ['src/server.ts', "const app = express();\napp.get('/healthz', (_req, res) => res.send('ok'));\n"],
    ['src/routes.js', "router.get('/api/health', handler);\n"],
    ['src/app.ts', "fastify.route({ method: 'GET', url: '/ready', handler });\n"],
    ['app/main.py', '@app.get("/health")\nasync def health():\n    return {"ok": True}\n'],
    ['app/views.py', "@bp.route('/livez')\ndef livez():\n    return 'ok'\n"],
    ['project/urls.py', "urlpatterns = [\n    path('health/', views.health),\n]\n"],
    ['main.go', 'func main() {\n\thttp.HandleFunc("/healthz", healthz)\n}\n'],
    ['frontend.go', 'r.HandleFunc(baseUrl+"/_healthz", func(w http.ResponseWriter, _ *http.Request) {})\n'],
    ['src/app.js', 'app.get(`${prefix}/health`, (req, res) => res.end());\n'],
    ['server.go', 'mux.Handle("/readyz", ready)\n'],
    ['router.go', 'r.GET("/health", func(c *gin.Context) {})\n'],
    ['src/main/java/App/Health.java', '@GetMapping("/health")\npublic String health() { return "ok"; }\n'],
    ['Program.cs', 'app.MapHealthChecks("/healthz");\n'],
    ['Program.cs', 'app.MapGet("/health", () => "ok");\n'],
    ['src/main.rs', 'let app = Router::new().route("/health", get(health));\n'],
    ['src/health.controller.ts', "@Controller('health')\nexport class HealthController {}\n"],
    // NAME right after a quote, '/', '^' or '_' in every form (see ROUTE_NAME)
    ['project/urls.py', "urlpatterns = [re_path(r'^healthz$', views.health)]\n"],
    ['project/urls.py', "urlpatterns = [url(r'^_ping$', views.ping)]\n"],
    ['Controllers/Health.cs', '[HttpGet("readyz")]\npublic IActionResult Ready() => Ok();\n'],
    ['src/main.rs', '#[get("/heartbeat")]\nasync fn heartbeat() -> &\'static str { "ok" }\n'],
    ['src/main.rs', 'App::new().service(web::resource("/livez").to(live));\n'],
    ['config/routes.rb', "Rails.application.routes.draw do\n  get 'up/health', to: 'rails/health#show'\nend\n"],
    ['src/server.js', 'app.get(`${base}/_health`, h);\n'],
  ])('passes on a route in %s', async (path, text) => {
    const r = await runCheck(healthEndpointCheck, { [path]: text });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.evidence[0].path).toBe(path);
  });

  it.each([
    ['src/app/api/heartbeat/route.ts', 'export async function GET() {\n  return Response.json({ up: 1 });\n}\n'],
    ['app/healthz/route.js', 'export const GET = () => new Response("ok");\n'],
    ['src/pages/api/health.ts', 'export default function handler(req, res) {\n  res.status(200).end();\n}\n'],
    ['pages/api/ready/index.js', 'export default (req, res) => res.send("ok");\n'],
  ])('passes on a Next.js file-system route %s', async (path, text) => {
    const r = await runCheck(healthEndpointCheck, { [path]: text, 'src/lib/util.ts': 'export {};\n' });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe(path);
  });

  it('passes on a /heartbeat route', async () => {
    const r = await runCheck(healthEndpointCheck, { 'src/server.ts': "router.get('/api/heartbeat', beat);\n" });
    expect(r.status).toBe('pass');
  });

  it.each([
    ['a page, not a route handler', 'app/health/page.tsx', 'export default function Page() { return null; }\n'],
    ['a route handler without GET', 'app/api/health/route.ts', 'export async function POST() { return new Response(); }\n'],
    ['a private folder', 'app/_health/route.ts', 'export async function GET() { return new Response(); }\n'],
    ['a pages route outside pages/api', 'pages/health.tsx', 'export default function Health() { return null; }\n'],
  ])('does not count %s', async (_name, path, text) => {
    const r = await runCheck(healthEndpointCheck, { [path]: text });
    expect(r.status).toBe('fail');
  });

  it('points at the line of the route', async () => {
    const r = await runCheck(healthEndpointCheck, { 'main.go': 'package main\n\nfunc main() {\n\thttp.HandleFunc("/healthz", h)\n}\n' });
    expect(r.evidence[0]).toMatchObject({ path: 'main.go', line: 4 });
  });

  // Every alternative of the hinted library pattern (see facts/hints.ts)
  it.each([
    ['Program.cs', 'app.UseHealthChecks("/hc");\n'],
    ['src/app.module.ts', "import { TerminusModule } from '@nestjs/terminus';\n"],
    ['src/server.js', "const { createTerminus } = require('@godaddy/terminus');\n"],
    ['server.go', 'import healthpb "google.golang.org/grpc/health/grpc_health_v1"\n'],
    ['server.py', 'from grpc_health.v1 import health\n'],
    ['Health.java', 'import io.grpc.protobuf.services.HealthStatusManager;\n'],
    ['src/main.rs', 'let (mut reporter, svc) = tonic_health::server::health_reporter();\n'],
    ['config/routes.rb', 'Rails.application.routes.draw { mount x => "rails/health#show" }\n'],
    ['settings.py', "INSTALLED_APPS = ['health_check']\n"],
    ['svc.py', 'channel = "grpc.health.v1.Health"\n'],
  ])('passes on health library code in %s', async (path, text) => {
    const r = await runCheck(healthEndpointCheck, { [path]: text });
    expect(r.status).toBe('pass');
    expect(r.summary).toContain('Health library used');
  });

  it('passes on health library code in the only file with a route word in another case', async () => {
    const r = await runCheck(healthEndpointCheck, { 'src/Health.ts': "import { HealthCheckService } from '@nestjs/terminus';\napp.get('/Health', h);\n" });
    expect(r).toMatchObject({ status: 'pass', summary: expect.stringContaining('Health library used') });
  });

  it('passes on a health library dependency', async () => {
    const r = await runCheck(healthEndpointCheck, {
      'package.json': JSON.stringify({ dependencies: { '@nestjs/terminus': '^10.0.0' } }),
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0].path).toBe('package.json');
  });

  it.each([
    ['a fetch to another service', "await fetch('http://other/health');\n"],
    ['an axios call', "await axios.get('/health');\n"],
    ['a requests call', 'requests.get(f"{base}/health")\n'],
    ['a Go client call', 'resp, err := http.Get("/healthz")\n'],
    ['an API client', "const r = await client.get('/ready');\n"],
    ['a service call with a base URL', "const r = await this.httpService.get(this.baseUrl + '/health');\n"],
    ['a commented-out route', "// app.get('/health', h);\n"],
  ])('does not count %s', async (_name, text) => {
    const r = await runCheck(healthEndpointCheck, { 'src/index.ts': text });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
  });

  it('looks past client calls to a route later in the file, in file after file', async () => {
    const r = await runCheck(healthEndpointCheck, {
      'src/a.ts': "await axios.get('/health');\n",
      'src/b.ts': "const up = await axios.get('/healthz');\r\n// app.get('/healthz', h);\r\napp.get('/healthz', h)",
    });
    expect(r.status).toBe('pass');
    expect(r.evidence[0]).toMatchObject({ path: 'src/b.ts', line: 3 });
  });

  it('ignores routes in node_modules and test files', async () => {
    const r = await runCheck(healthEndpointCheck, {
      'node_modules/lib/server.js': "app.get('/health', h);\n",
      'src/server.test.ts': "app.get('/health', h);\n",
      'tests/test_app.py': '@app.get("/health")\n',
      'src/index.ts': 'export {};\n',
    });
    expect(r.status).toBe('fail');
  });

  it('is N/A for libraries and websites', async () => {
    const lib = await runCheck(healthEndpointCheck, {}, { entity: testEntity({ spec: { type: 'library' } }) });
    expect(lib.status).toBe('not-applicable');
    const site = await runCheck(healthEndpointCheck, {}, { entity: testEntity({ spec: { type: 'website' } }) });
    expect(site.status).toBe('not-applicable');
  });
});

function deployment(probes: string[], kind = 'Deployment') {
  return [
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata: { name: api }',
    'spec:',
    '  template:',
    '    spec:',
    '      initContainers:',
    '        - name: migrate',
    '          image: api:1',
    '      containers:',
    '        - name: api',
    '          image: api:1',
    ...probes,
  ].join('\n');
}

const LIVENESS = ['          livenessProbe:', '            httpGet: { path: /livez, port: 8080 }'];
const READINESS = ['          readinessProbe:', '            httpGet: { path: /readyz, port: 8080 }'];

describe('health-probes', () => {
  it('passes with liveness and readiness on different paths (init containers ignored)', async () => {
    const r = await runCheck(healthProbesCheck, { 'k8s/deploy.yaml': deployment([...LIVENESS, ...READINESS]) });
    expect(r.status).toBe('pass');
    expect(r.score).toBe(100);
    expect(r.evidence[0].path).toBe('k8s/deploy.yaml');
  });

  it('gives 75 when both probes use the same path', async () => {
    const r = await runCheck(healthProbesCheck, {
      'k8s/deploy.yaml': deployment([
        '          livenessProbe:',
        '            httpGet: { path: /health, port: 8080 }',
        '          readinessProbe:',
        '            httpGet: { path: /health, port: 8080 }',
      ]),
    });
    expect(r.score).toBe(75);
    expect(r.summary).toContain('share /health');
  });

  it('in a monorepo, gives 50 for the root compose healthcheck of the service built from the entity folder', async () => {
    const files = {
      'apps/orders/main.go': 'package main\n',
      'apps/billing/main.go': 'package main\n',
      '.env': 'ORDERS_DOCKERFILE=./apps/orders/Dockerfile\nBILLING_DOCKERFILE=./apps/billing/Dockerfile\n',
      'compose.yaml': [
        'services:',
        '  billing:',
        '    build:',
        '      context: ./',
        '      dockerfile: ${BILLING_DOCKERFILE}',
        '  orders:',
        '    build:',
        '      context: ./',
        '      dockerfile: ${ORDERS_DOCKERFILE}',
        '    healthcheck:',
        '      test: ["CMD", "/bin/grpc_health_probe", "-addr=:8080"]',
        '',
      ].join('\n'),
    };
    const orders = await runCheck(healthProbesCheck, files, { entityPath: 'apps/orders' });
    expect(orders).toMatchObject({ status: 'partial', score: 50, evidence: [{ path: 'compose.yaml', line: 6 }] });
    // billing's service in the same file has no healthcheck
    expect(await runCheck(healthProbesCheck, files, { entityPath: 'apps/billing' })).toMatchObject({ status: 'fail', score: 0 });
  });

  it('gives 50 for a Dockerfile HEALTHCHECK or a compose healthcheck on the built service', async () => {
    const df = await runCheck(healthProbesCheck, {
      Dockerfile: 'FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/health || exit 1\n',
    });
    expect(df.score).toBe(50);
    expect(df.evidence[0]).toMatchObject({ path: 'Dockerfile', line: 2 });
    const compose = await runCheck(healthProbesCheck, {
      'compose.yaml': 'services:\n  app:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n',
    });
    expect(compose.score).toBe(50);
  });

  it('gives 50 for an ECS task definition healthCheck', async () => {
    const r = await runCheck(healthProbesCheck, {
      'taskdef.json': JSON.stringify({ containerDefinitions: [{ name: 'api', healthCheck: { command: ['CMD-SHELL', 'true'] } }] }),
    });
    expect(r.score).toBe(50);
  });

  it('fails without probes; a Job, HEALTHCHECK NONE and a database healthcheck do not count', async () => {
    const r = await runCheck(healthProbesCheck, {
      'k8s/deploy.yaml': deployment([]),
      'k8s/job.yaml': deployment([...LIVENESS, ...READINESS], 'Job'),
      Dockerfile: 'FROM node:22\nHEALTHCHECK NONE\n',
      'compose.yaml': 'services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
    });
    expect(r.status).toBe('fail');
    expect(r.score).toBe(0);
    expect(r.summary).toContain('0 of 1 containers');
  });

  it('fails a service with nothing deployable', async () => {
    const r = await runCheck(healthProbesCheck, { 'index.js': '' });
    expect(r.status).toBe('fail');
  });

  it('resolves probes injected by a Helm template from the values', async () => {
    const files = (values: string) => ({
      'chart/Chart.yaml': 'apiVersion: v2\nname: svc\n',
      'chart/values.yaml': values,
      'chart/templates/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "svc.fullname" . }}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          livenessProbe:',
        '            {{- toYaml .Values.livenessProbe | nindent 12 }}',
        '          readinessProbe:',
        '            {{- toYaml .Values.readinessProbe | nindent 12 }}',
      ].join('\n'),
    });
    const stock = await runCheck(
      healthProbesCheck,
      files('livenessProbe:\n  httpGet: { path: /, port: http }\nreadinessProbe:\n  httpGet: { path: /, port: http }\n'),
    );
    expect(stock.score).toBe(75);
    const empty = await runCheck(healthProbesCheck, files('livenessProbe: {}\nreadinessProbe: {}\n'));
    expect(empty.score).toBe(0);
  });

  it('is N/A for a library', async () => {
    const r = await runCheck(healthProbesCheck, {}, { entity: testEntity({ spec: { type: 'library' } }) });
    expect(r.status).toBe('not-applicable');
  });
});
