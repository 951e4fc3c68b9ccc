import { Evidence } from '@prodready/plugin-readiness-common';
import { ReadinessCheck, outcome } from '../api/check';
import { isLibrary, isServerless, isWebsite } from '../facts/classify';
import { entityComposeServices } from '../facts/compose';
import { findDependency } from '../facts/dependencies';
import { dockerfiles } from '../facts/docker';
import { fieldSatisfies, isTemplated, valuesFor } from '../facts/helm';
import { Workload, workloads } from '../facts/kubernetes';
import { execHinted, hinted } from '../facts/hints';
import { RepoView, TextFile, lineOf } from '../facts/RepoView';
import { parseYaml } from '../facts/yaml';
import { finalStageChain } from './containerization';

const MAX_EVIDENCE = 10;

const SOURCE_PATTERNS = ['*.{js,jsx,mjs,cjs,ts,tsx}', '*.py', '*.go', '*.{java,kt,scala}', '*.cs', '*.rs', '*.rb', '*.php'];

/** Test code registers routes on test servers and calls health endpoints of its own. */
function isTestPath(path: string): boolean {
  return (
    /(^|\/)(__tests__|tests?|spec|specs|e2e|integration-tests?)\//.test(path) ||
    /(^|\/)src\/test\//.test(path) ||
    /\.(test|spec|e2e)\.[cm]?[jt]sx?$/.test(path) ||
    /(^|\/)test_[^/]*\.py$|_test\.(py|go)$|Tests?\.(java|kt|cs|scala)$|_spec\.rb$/.test(path)
  );
}

// The health route names of CHECKS.md (plus the common `/healthcheck` spelling),
// under any prefix (`/api/v1/health`, `base + "/_healthz"`) and with a sub-path (`/health/live`).
const NAME = '_?(?:healthz?|health[-_]?check|heartbeat|livez|readyz|ready|live|ping)';
const PATH = `(?:\\$\\{[^}]+\\})?(?:/[\\w.{}:-]+)*/${NAME}(?:/[\\w.-]*)*/?`;
const Q = `["'\`]`;

/** Receivers whose `.get('/health')` is a client call, not a route. */
const CLIENT =
  /^(axios|https?|requests|httpx|session|s|fetch|got|superagent|request|req|ky|\$http|instance|agent|resty|urllib3?|aiohttp|restTemplate|conn|\w*(?:[Cc]lient|[Ss]ervice|[Hh]ttp|[Aa]pi|[Ss]ession)\w*|\))$/;
const CLIENT_METHODS = /^(get|head|all|use|Get|GET|HEAD|Head|Any)$/;

const ROUTES: { re: RegExp; receiverCheck?: boolean }[] = [
  // app.get('/healthz', ...), router.get, fastify.get, r.GET, http.HandleFunc, mux.Handle, .route("/health", get(..)), MapGet
  {
    re: new RegExp(
      // The receiver starts at a word start, so a long line is not rescanned from every character.
      `((?<![\\w$])[\\w$]+|\\))\\s*\\.\\s*(get|head|all|use|route|Get|GET|HEAD|Head|Any|Handle|HandleFunc|handle|handleFunc|MapGet|add_get|add_route|add_api_route|add_url_rule)\\s*\\(\\s*(?:[\\w.$]+\\s*\\+\\s*)?${Q}${PATH}${Q}`,
    ),
    receiverCheck: true,
  },
  // Flask / FastAPI / Blueprint decorators
  { re: new RegExp(`@[\\w.]+\\.(?:get|head|route|api_route)\\(\\s*${Q}${PATH}${Q}`) },
  // NestJS, Spring, JAX-RS, ASP.NET attributes, actix/rocket attributes
  { re: new RegExp(`@(?:Get|Head|All|Controller)\\(\\s*${Q}/?${NAME}${Q}`) },
  { re: new RegExp(`@(?:GetMapping|RequestMapping|Path)\\(\\s*(?:(?:value|path)\\s*=\\s*)?\\{?\\s*"${PATH}"`) },
  { re: new RegExp(`\\[(?:HttpGet|Route)\\(\\s*"/?(?:[\\w.-]+/)*${NAME}"`) },
  { re: new RegExp(`#\\[(?:get|head)\\(\\s*"${PATH}"`) },
  { re: new RegExp(`web::resource\\(\\s*"${PATH}"|\\bRoute\\(\\s*${Q}${PATH}${Q}`) },
  // Django urls: path('health/', ...), re_path(r'^healthz$', ...)
  { re: new RegExp(`\\b(?:re_path|path|url)\\(\\s*r?${Q}\\^?/?(?:[\\w-]+/)*${NAME}/?\\$?${Q}`) },
  // hapi / fastify route objects
  { re: new RegExp(`\\.route\\(\\s*\\{[^}]{0,300}?\\b(?:url|path)\\s*:\\s*${Q}${PATH}${Q}`) },
  // Sinatra / Rails routes
  { re: new RegExp(`^\\s*get\\s+${Q}/?(?:[\\w-]+/)*${NAME}${Q}`, 'm') },
];

// Next.js file-system routes: `app/**/<name>/route.ts` exporting GET/HEAD, or `pages/api/**/<name>.ts`
// (`_folder` is private in the app router, so no leading underscore here).
const FILE_ROUTE_NAME = '(?:healthz?|health[-_]?check|heartbeat|livez|readyz|ready|live|ping)';
const APP_ROUTE = new RegExp(`(^|/)app/(?:[^/]+/)*${FILE_ROUTE_NAME}/route\\.[cm]?[jt]sx?$`);
const PAGES_API_ROUTE = new RegExp(`(^|/)pages/api/(?:[^/]+/)*${FILE_ROUTE_NAME}(?:/index)?\\.[cm]?[jt]sx?$`);
const APP_ROUTE_HANDLER = /^\s*export\s+(?:(?:async\s+)?function\s+(?:GET|HEAD)\b|(?:const|let)\s+(?:GET|HEAD)\b)/m;
const DEFAULT_EXPORT = /^\s*export\s+default\b/m;

function findFileRoute(file: TextFile): number | undefined {
  let re: RegExp | undefined;
  if (APP_ROUTE.test(file.path)) re = APP_ROUTE_HANDLER;
  else if (PAGES_API_ROUTE.test(file.path)) re = DEFAULT_EXPORT;
  const m = re?.exec(file.text);
  return m ? lineOf(file.text, m.index + m[0].search(/\S/)) : undefined;
}

const LIBRARY_CODE = hinted(
  /MapHealthChecks\(|UseHealthChecks\(|@nestjs\/terminus|@godaddy\/terminus|grpc\.health\.v1|grpc_health|google\.golang\.org\/grpc\/health|HealthStatusManager|tonic_health|rails\/health#show|["']health_check["']/,
  'Health',
  'health',
  '@nestjs/terminus',
  '@godaddy/terminus',
);

const LIBRARY_DEPENDENCIES = [
  '@nestjs/terminus',
  '@godaddy/terminus',
  'django-health-check',
  'grpcio-health-checking',
  'grpc-health-check',
  'tonic-health',
  'io.grpc:grpc-services',
  'org.springframework.boot:spring-boot-starter-actuator',
];

const SPRING_PROBES = /management\.(?:endpoint\.health\.probes|health\.probes)\.enabled\s*[=:]\s*true|probes:\s*\n\s*enabled:\s*true/;

function isComment(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const prefix = text.slice(start, index).trimStart();
  return /^(\/\/|\/\*|\*|<!--|#(?!\[))/.test(prefix);
}

// Every route pattern (all case-sensitive) holds NAME right after a quote, a
// '/' or a '^' (NAME may start with '_'): files without that skip the route
// patterns, which matter on long minified or generated lines. The bare words
// are tested first, as most files lack them (`already`, `delivery` pass them).
const ROUTE_WORD = /health|heartbeat|live|ready|ping/;
const ROUTE_NAME = /[/"'`^]_?(?:health|heartbeat|live|ready|ping)/;

// Global twins of the route patterns, built once and run with an exec loop
// (matchAll would clone them for every file).
const ROUTE_SCANS = ROUTES.map(({ re, receiverCheck }) => ({
  global: new RegExp(re.source, `${re.flags.replace('g', '')}g`),
  receiverCheck,
}));

function findRoute(file: TextFile): { line: number; text: string } | undefined {
  if (!ROUTE_WORD.test(file.text) || !ROUTE_NAME.test(file.text)) return undefined;
  for (const { global, receiverCheck } of ROUTE_SCANS) {
    global.lastIndex = 0; // a return below leaves it mid-text
    // No route pattern matches the empty string, so exec always moves on.
    for (let m = global.exec(file.text); m; m = global.exec(file.text)) {
      if (isComment(file.text, m.index)) continue;
      if (receiverCheck && CLIENT_METHODS.test(m[2]) && CLIENT.test(m[1])) continue;
      return { line: lineOf(file.text, m.index), text: m[0].trim() };
    }
  }
  return undefined;
}

export const healthEndpointCheck: ReadinessCheck = {
  id: 'health-endpoint',
  title: 'Health endpoint',
  category: 'health',
  severity: 'high',
  description:
    'Looks in non-test source for a route registration of /healthz, /health, /healthcheck, /heartbeat, /livez, /readyz, /ready, /live or /ping (Express/Koa/Fastify/hapi, Flask/FastAPI/Django, Go net/http, gin, chi, Spring, NestJS, ASP.NET, axum/actix, Rails, Next.js app/**/<name>/route.ts exporting GET or pages/api/<name>.ts), or for @nestjs/terminus, @godaddy/terminus, django-health-check, gRPC health, Spring Boot actuator, MapHealthChecks. A client call to another service\'s /health does not count.',
  rationale:
    'Without a health endpoint the orchestrator and load balancer cannot tell a hung instance from a healthy one, so traffic keeps flowing to broken pods.',
  remediation:
    'Expose a cheap liveness endpoint (/livez) and a readiness endpoint (/readyz) that checks critical dependencies, or use the framework health library (Terminus, actuator, MapHealthChecks).',
  effort: 'S',
  scope: 'repository',
  applies({ entity }) {
    if (isLibrary(entity)) return { reason: 'A library serves no health endpoint' };
    if (isWebsite(entity)) return { reason: 'A static website serves no health endpoint' };
    return true;
  },
  async run({ repo }) {
    const sources = (await repo.findTexts(SOURCE_PATTERNS)).filter(f => !isTestPath(f.path));
    for (const file of sources) {
      const route = findRoute(file);
      if (route) {
        return outcome.pass(`Health route registered in ${file.path}: ${route.text.slice(0, 80)}`, [
          repo.evidence(file.path, route.line),
        ]);
      }
    }
    for (const file of sources) {
      const line = findFileRoute(file);
      if (line !== undefined) {
        return outcome.pass(`Health route handler at ${file.path} (file-system route)`, [repo.evidence(file.path, line)]);
      }
    }
    for (const file of sources) {
      const m = execHinted(LIBRARY_CODE, file.text);
      if (m && !isComment(file.text, m.index)) {
        return outcome.pass(`Health library used in ${file.path} (${m[0]})`, [
          repo.evidence(file.path, lineOf(file.text, m.index)),
        ]);
      }
    }
    const dep = await findDependency(repo, LIBRARY_DEPENDENCIES);
    if (dep) return outcome.pass(`Health library ${dep.name} declared in ${dep.path}`, [repo.evidence(dep.path, dep.line)]);
    for (const file of await repo.findTexts(['application*.yml', 'application*.yaml', 'application*.properties'])) {
      const m = SPRING_PROBES.exec(file.text);
      if (m) return outcome.pass(`Spring actuator probes enabled in ${file.path}`, [repo.evidence(file.path, lineOf(file.text, m.index))]);
    }
    return outcome.fail('No health route (/healthz, /health, /readyz, ...) or health library found in the source');
  },
};

function nonEmpty(value: unknown): boolean {
  return isTemplated(value) || (!!value && typeof value === 'object' && Object.keys(value).length > 0);
}

async function probePath(repo: RepoView, w: Workload, container: Record<string, unknown>, field: string) {
  let probe = container[field];
  if (probe === undefined || isTemplated(probe)) probe = (await valuesFor(repo, w.object, new RegExp(`^${field}$`, 'i')))[0];
  const path = (probe as { httpGet?: { path?: unknown } } | undefined)?.httpGet?.path;
  return typeof path === 'string' && !isTemplated(path) ? path : undefined;
}

/** Probes of one container: 100 both (different paths), 75 both on the same HTTP path, 50 only one, 0 none. */
export async function containerProbeScore(repo: RepoView, w: Workload, container: Record<string, unknown>) {
  const liveness = await fieldSatisfies(repo, w.object, container, 'livenessProbe', nonEmpty);
  const readiness = await fieldSatisfies(repo, w.object, container, 'readinessProbe', nonEmpty);
  if (liveness && readiness) {
    const a = await probePath(repo, w, container, 'livenessProbe');
    const b = await probePath(repo, w, container, 'readinessProbe');
    return { liveness, readiness, score: a !== undefined && a === b ? 75 : 100, samePath: a !== undefined && a === b ? a : undefined };
  }
  return { liveness, readiness, score: liveness || readiness ? 50 : 0 };
}

async function fallbackHealthchecks(repo: RepoView): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const df of await dockerfiles(repo)) {
    const chain = finalStageChain(df);
    const hc = df.instructions.find(i => i.keyword === 'HEALTHCHECK' && chain.includes(i.stage) && !/^NONE\b/i.test(i.args));
    if (hc) out.push(repo.evidence(df.path, hc.line, 'Dockerfile HEALTHCHECK'));
  }
  for (const f of await repo.findTexts(['compose.yml', 'compose.yaml', 'docker-compose*.yml', 'docker-compose*.yaml'])) {
    let services: Record<string, { build?: unknown; healthcheck?: { disable?: unknown; test?: unknown } }> = {};
    try {
      services = (parseYaml(f.text) as { services?: typeof services } | null)?.services ?? {};
    } catch {
      continue;
    }
    const all = Object.entries(services ?? {}).filter(([, s]) => s && typeof s === 'object');
    // The service's own containers are those built here; a healthcheck on the database says nothing of the app.
    const own = all.some(([, s]) => s.build) ? all.filter(([, s]) => s.build) : all;
    const hit = own.find(([, s]) => s.healthcheck && s.healthcheck.disable !== true && !/NONE/.test(String(s.healthcheck.test)));
    if (hit) {
      const idx = f.text.search(new RegExp(`^\\s*${hit[0]}\\s*:`, 'm'));
      out.push(repo.evidence(f.path, idx >= 0 ? lineOf(f.text, idx) : undefined, `compose healthcheck (${hit[0]})`));
    }
  }
  // In a monorepo, the root compose file's services that build this entity's folder.
  for (const s of await entityComposeServices(repo)) {
    if (s.healthcheck && s.healthcheck.disable !== true && !/NONE/.test(String(s.healthcheck.test))) {
      out.push(repo.evidence(s.path, s.line, `compose healthcheck (${s.name})`));
    }
  }
  for (const f of await repo.findTexts(['*.json', '*.tf', '*.yaml', '*.yml'])) {
    if (!/containerDefinitions|container_definitions|ContainerDefinitions/.test(f.text)) continue;
    const m = /\b[Hh]ealthCheck["']?\s*[:=]/.exec(f.text);
    if (m) out.push(repo.evidence(f.path, lineOf(f.text, m.index), 'ECS healthCheck'));
  }
  return out;
}

export const healthProbesCheck: ReadinessCheck = {
  id: 'health-probes',
  title: 'Probes wired',
  category: 'health',
  severity: 'high',
  description:
    'Containers of Kubernetes workloads (not Jobs, CronJobs or init containers) have livenessProbe and readinessProbe: 100, 75 when both probe the same HTTP path, 50 with only one; averaged over containers. Otherwise a Dockerfile HEALTHCHECK in the final stage, a compose healthcheck on a built service (in a monorepo also on the service of the root compose file that builds the entity folder, with `${VAR}` resolved from the root .env), or an ECS task definition healthCheck = 50.',
  rationale:
    'Without probes Kubernetes routes traffic to pods that are not ready and never restarts a hung process; a rollout of a broken version looks healthy.',
  remediation:
    'Add a livenessProbe on a cheap endpoint (/livez) and a readinessProbe on one that checks dependencies (/readyz) to every long-running container.',
  effort: 'S',
  scope: 'repository',
  applies({ entity }) {
    return isLibrary(entity) ? { reason: 'A library is not deployed' } : true;
  },
  async run({ repo, entity }) {
    const ws = await workloads(repo);
    let total = 0;
    let sum = 0;
    const weak: Evidence[] = [];
    const same: string[] = [];
    for (const w of ws) {
      for (const c of w.containers) {
        const r = await containerProbeScore(repo, w, c ?? {});
        total++;
        sum += r.score;
        if (r.samePath) same.push(r.samePath);
        if (r.score < 100) {
          const missing = [!r.liveness && 'livenessProbe', !r.readiness && 'readinessProbe'].filter(Boolean).join(' and ');
          weak.push(repo.evidence(w.object.path, w.object.line, missing ? `container ${c?.name ?? '?'} lacks ${missing}` : `same path ${r.samePath}`));
        }
      }
    }
    const k8sScore = total ? sum / total : 0;
    const fallback = k8sScore < 50 ? await fallbackHealthchecks(repo) : [];
    if (fallback.length) {
      const k8s = total ? `Kubernetes probes incomplete (${Math.round(k8sScore)})` : 'No Kubernetes probes';
      return outcome.scored(50, `${k8s}; ${fallback[0].note} in ${fallback[0].path}`, [
        ...fallback,
        ...weak,
      ].slice(0, MAX_EVIDENCE));
    }
    if (!total) {
      if (isWebsite(entity)) return outcome.notApplicable('A website without containers has no probes to wire');
      const serverless = await isServerless(repo);
      if (serverless) return outcome.notApplicable(`Serverless deployment (${serverless}): the platform checks the function`);
      return outcome.fail('No Kubernetes workloads with probes, Dockerfile HEALTHCHECK, compose healthcheck or ECS healthCheck found');
    }
    const withBoth = ws.flatMap(w => w.containers).length - weak.filter(e => !/same path/.test(e.note ?? '')).length;
    let summary = `${withBoth} of ${total} containers have liveness and readiness probes`;
    if (same.length) summary += `; liveness and readiness share ${same[0]}`;
    const evidence = weak.length ? weak : ws.map(w => repo.evidence(w.object.path, w.object.line));
    return outcome.scored(k8sScore, summary, evidence.slice(0, MAX_EVIDENCE));
  },
};

/** The health checks of CHECKS.md. @public */
export const healthChecks: ReadinessCheck[] = [healthEndpointCheck, healthProbesCheck];
