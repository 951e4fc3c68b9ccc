import { Evidence } from '@prodready/plugin-readiness-common';
import { CheckContext, CheckOutcome, outcome, ReadinessCheck } from '../api/check';
import { entityType, isLibrary } from '../facts/classify';
import { terraformFiles } from '../facts/datastore';
import { dependencies, Dependency } from '../facts/dependencies';
import { DOCKERFILE_PATTERNS } from '../facts/docker';
import { k8sObjects, yamlFiles } from '../facts/kubernetes';
import { alertDefinitions } from '../facts/observabilityFacts';
import { hinted } from '../facts/hints';
import { findFirst, lineOf, TextFile } from '../facts/RepoView';

/** A dependency name (exact, `prefix*` or a pattern), optionally for one ecosystem only. */
type DepSpec = string | RegExp | { eco: Dependency['ecosystem']; name: string | RegExp };
type Names = readonly DepSpec[];

function nameMatches(spec: string | RegExp, name: string): boolean {
  if (typeof spec !== 'string') return spec.test(name);
  return spec.endsWith('*') ? name.startsWith(spec.slice(0, -1)) : name === spec;
}

function depMatches(spec: DepSpec, d: Dependency): boolean {
  // PEP 503: prometheus_client and prometheus-client are the same package.
  const name = d.ecosystem === 'pypi' ? d.name.replace(/[-_.]+/g, '-') : d.name;
  return typeof spec === 'object' && !(spec instanceof RegExp)
    ? spec.eco === d.ecosystem && nameMatches(spec.name, name)
    : nameMatches(spec, name);
}

/** A found signal: what it is and where. */
interface Signal {
  what: string;
  path: string;
  line?: number;
}

// A library is linked into someone else's process: the telemetry is the host service's.
function notForLibraries(ctx: CheckContext) {
  return isLibrary(ctx.entity)
    ? { reason: `Not applicable: a ${entityType(ctx.entity)} is not deployed on its own and emits no service telemetry` }
    : (true as const);
}

async function depSignal(ctx: CheckContext, names: Names): Promise<Signal | undefined> {
  // Runtime dependencies only: a dev dependency is not in the running service.
  const dep = (await dependencies(ctx.repo)).find(d => !d.dev && names.some(n => depMatches(n, d)));
  return dep ? { what: `dependency ${dep.name}`, path: dep.path, line: dep.line } : undefined;
}

/** The first file among `files` (optionally only those containing `guard`) that matches `pattern`. */
function textSignal(files: readonly TextFile[], pattern: RegExp, what: string, guard?: RegExp): Signal | undefined {
  const hit = findFirst(guard ? files.filter(f => guard.test(f.text)) : files, pattern);
  return hit ? { what, path: hit.path, line: hit.line } : undefined;
}

/** Catalog annotations that count as the signal, with the line in catalog-info.yaml as evidence. */
async function annotationSignal(ctx: CheckContext, keys: readonly string[]): Promise<Signal | undefined> {
  const annotations = ctx.entity.metadata.annotations ?? {};
  const key = keys.find(k => annotations[k]?.trim());
  if (!key) return undefined;
  const files = await ctx.repo.findTexts(['catalog-info.yaml', 'catalog-info.yml']);
  const file = files.find(f => f.text.includes(key));
  return {
    what: `catalog annotation ${key}`,
    path: file?.path ?? '',
    line: file ? lineOf(file.text, file.text.indexOf(key)) : undefined,
  };
}

async function firstSignal(probes: (() => Promise<Signal | undefined>)[]): Promise<Signal | undefined> {
  for (const probe of probes) {
    const found = await probe();
    if (found) return found;
  }
  return undefined;
}

function evidenceOf(ctx: CheckContext, s: Signal): Evidence[] {
  return s.path ? [ctx.repo.evidence(s.path, s.line, s.what)] : [];
}

function passOrFail(ctx: CheckContext, s: Signal | undefined, found: string, missing: string): CheckOutcome {
  return s ? outcome.pass(`${found}: ${s.what}${s.path ? ` in ${s.path}` : ''}`, evidenceOf(ctx, s)) : outcome.fail(missing);
}

const SOURCE_CODE = ['*.go', '*.rs', '*.cs', 'appsettings*.json'];
const sourceFiles = (ctx: CheckContext) =>
  ctx.repo.memo('observability:code', async () =>
    (await ctx.repo.findTexts(SOURCE_CODE)).filter(f => !/_test\.go$/.test(f.path)),
  );

const LOGGING_DEPS: Names = [
  'pino', 'winston', 'bunyan', 'structlog', 'python-json-logger', 'go.uber.org/zap', 'github.com/rs/zerolog',
  'net.logstash.logback:logstash-logback-encoder', 'serilog.formatting.compact',
  // OpenTelemetry log SDKs and bridges export log records with typed attributes over OTLP
  /^go\.opentelemetry\.io\/contrib\/bridges\/otel/, 'go.opentelemetry.io/otel/sdk/log', '@opentelemetry/sdk-logs',
  'io.opentelemetry:opentelemetry-sdk-logs',
];

/** @public */
export const observabilityLoggingCheck: ReadinessCheck = {
  id: 'observability-logging',
  title: 'Structured logging',
  category: 'observability',
  severity: 'medium',
  description:
    'Looks for a structured (JSON) logger: pino, winston, bunyan, structlog, python-json-logger, zap, zerolog, ' +
    'logstash-logback-encoder, Serilog.Formatting.Compact or an OpenTelemetry log SDK/bridge (otelslog and other Go ' +
    'bridges, @opentelemetry/sdk-logs, opentelemetry-sdk-logs) among the dependencies; or in code/config .NET ' +
    '`Logging.AddOpenTelemetry(`/`.WithLogging(`, a Go ' +
    '`slog.NewJSONHandler`, a logrus `JSONFormatter`, a log4j2 `JsonTemplateLayout`/`JSONLayout`, a Serilog ' +
    '`CompactJsonFormatter`, or tracing-subscriber with its `json` feature or `.json()`. Not applicable to libraries.',
  rationale:
    'Plain-text logs cannot be searched or aggregated by field; during an incident that means grepping instead of querying.',
  remediation:
    'Log JSON to stdout with a structured logger (pino, structlog, zap/slog, logstash-logback-encoder, Serilog compact JSON) ' +
    'and include request ids and levels as fields.',
  effort: 'S',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const { repo } = ctx;
    const found = await firstSignal([
      () => depSignal(ctx, LOGGING_DEPS),
      async () => {
        const code = await sourceFiles(ctx);
        const go = code.filter(f => f.path.endsWith('.go'));
        const rs = code.filter(f => f.path.endsWith('.rs'));
        const cs = code.filter(f => !f.path.endsWith('.go') && !f.path.endsWith('.rs'));
        return (
          textSignal(go, /\bslog\.NewJSONHandler\(/, 'slog JSON handler') ??
          textSignal(go, /&\s*\w+\.JSONFormatter\s*\{/, 'logrus JSON formatter', /"github\.com\/sirupsen\/logrus"/) ??
          textSignal(cs, /\b(Rendered)?CompactJsonFormatter\b/, 'Serilog compact JSON formatter') ??
          textSignal(rs, /\.json\(\)/, 'tracing-subscriber JSON output', /tracing_subscriber/) ??
          textSignal(cs, /\bLogging\s*\.\s*AddOpenTelemetry\s*\(|\.WithLogging\s*\(/, 'OpenTelemetry .NET logging') ??
          textSignal(cs, /\bAddOpenTelemetry\s*\(/, 'OpenTelemetry .NET logging', /^\s*using\s+OpenTelemetry\.Logs\s*;/m)
        );
      },
      async () =>
        textSignal(
          await repo.findTexts('Cargo.toml'),
          /^\s*(tracing-subscriber\s*=\s*\{[^}\n]*features\s*=\s*\[[^\]]*"json"|\[[\w.-]*dependencies\.tracing-subscriber\][^[]*features\s*=\s*\[[^\]]*"json")/m,
          'tracing-subscriber with the json feature',
        ),
      async () =>
        textSignal(
          await repo.findTexts(['log4j2*.xml', 'log4j2*.properties', 'log4j2*.yaml', 'log4j2*.yml', 'log4j2*.json']),
          /<\s*(JsonTemplateLayout|JSONLayout)\b|layout\.type\s*=\s*(JsonTemplateLayout|JsonLayout)\b|\b(JsonTemplateLayout|JsonLayout)\s*:/i,
          'log4j2 JSON layout',
        ),
    ]);
    return passOrFail(ctx, found, 'Structured logging', 'No structured (JSON) logger found in dependencies, code or logging config');
  },
};

const METRICS_DEPS: Names = [
  'prom-client', '@opentelemetry/sdk-metrics', 'express-prom-bundle',
  'prometheus-client', 'prometheus-fastapi-instrumentator', 'prometheus-flask-exporter', 'django-prometheus',
  'github.com/prometheus/client_golang',
  'io.micrometer:micrometer-registry-prometheus', /^io\.prometheus[.:]/,
  { eco: 'cargo', name: 'prometheus' }, { eco: 'cargo', name: 'prometheus-client' }, 'metrics-exporter-prometheus',
  'prometheus-net*',
  // StatsD / DogStatsD clients push metrics to an agent (npm `statsd` is the daemon, not a client)
  'hot-shots', 'node-statsd', 'statsd-client', 'datadog-metrics',
  { eco: 'pypi', name: 'statsd' }, { eco: 'pypi', name: 'datadog' }, /^github\.com\/datadog\/datadog-go/i,
  'io.micrometer:micrometer-registry-statsd', 'io.micrometer:micrometer-registry-datadog',
  // OpenTelemetry metrics SDKs and exporters (Go, Java, Node, Python, .NET)
  'go.opentelemetry.io/otel/sdk/metric', /^go\.opentelemetry\.io\/otel\/exporters\/(otlp\/otlpmetric|prometheus)/,
  'io.opentelemetry:opentelemetry-sdk-metrics', /^@opentelemetry\/exporter-(metrics-otlp-|prometheus$)/,
  'opentelemetry-exporter-prometheus', { eco: 'nuget', name: /^opentelemetry\.exporter\.prometheus/ },
];

// Tries every line with [^#\n]* (several ns a character): most YAML files lack the annotation.
const PROMETHEUS_SCRAPE = hinted(/^[^#\n]*["']?prometheus\.io\/scrape["']?\s*:\s*["']?true\b/m, 'prometheus.io/scrape');

/** @public */
export const observabilityMetricsCheck: ReadinessCheck = {
  id: 'observability-metrics',
  title: 'Metrics exposed',
  category: 'observability',
  severity: 'high',
  description:
    'Looks for a metrics library among the dependencies (prom-client, prometheus_client and its FastAPI/Flask/Django ' +
    'exporters, client_golang, micrometer-registry-prometheus, io.prometheus, Rust prometheus crates, prometheus-net, ' +
    '@opentelemetry/sdk-metrics; StatsD/DogStatsD clients such as hot-shots, Python statsd/datadog, datadog-go, micrometer statsd/datadog registries; OpenTelemetry metrics SDKs and exporters for Go, Java, Node, Python and .NET, or .NET `.WithMetrics(` in code) or for scraping set up in Kubernetes: a ServiceMonitor, a PodMonitor or a ' +
    '`prometheus.io/scrape: "true"` annotation. Not applicable to libraries.',
  rationale:
    'Without request rate, error and duration metrics nobody sees a service degrade until users report it, and alerts have nothing to fire on.',
  remediation:
    'Expose RED metrics (rate, errors, duration) with a Prometheus or OpenTelemetry client and have them scraped ' +
    '(a ServiceMonitor or scrape annotation).',
  effort: 'M',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const found = await firstSignal([
      () => depSignal(ctx, METRICS_DEPS),
      async () =>
        textSignal(
          (await sourceFiles(ctx)).filter(f => f.path.endsWith('.cs')),
          /\.WithMetrics\s*\(|\bAddOpenTelemetryMetrics\s*\(/,
          'OpenTelemetry .NET metrics',
        ),
      async () => {
        const monitor = (await k8sObjects(ctx.repo)).find(o => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor');
        return monitor ? { what: `${monitor.kind} ${monitor.name ?? ''}`.trim(), path: monitor.path, line: monitor.line } : undefined;
      },
      async () =>
        textSignal(
          await yamlFiles(ctx.repo),
          PROMETHEUS_SCRAPE,
          'prometheus.io/scrape annotation',
        ),
    ]);
    return passOrFail(ctx, found, 'Metrics exposed', 'No metrics library, ServiceMonitor/PodMonitor or prometheus.io/scrape annotation found');
  },
};

const TRACING_DEPS: Names = [
  // OpenTelemetry SDKs and instrumentation (the API package alone exports nothing)
  '@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-trace-base',
  '@opentelemetry/auto-instrumentations-node', /^@opentelemetry\/instrumentation/,
  'opentelemetry-sdk', 'opentelemetry-distro', /^opentelemetry-instrumentation/,
  /^@opentelemetry\/exporter-trace-/, /^opentelemetry-exporter-/,
  // Go: the trace SDK, a trace exporter or instrumentation (not the API, log bridges or runtime metrics)
  /^go\.opentelemetry\.io\/(otel\/sdk$|otel\/exporters\/(otlp\/otlptrace|stdout\/stdouttrace|zipkin)|contrib\/instrumentation\/(?!runtime$|host$)|contrib\/exporters\/autoexport$)/,
  /^io\.opentelemetry[.:]/,
  { eco: 'cargo', name: /^opentelemetry/ }, 'tracing-opentelemetry', { eco: 'nuget', name: /^opentelemetry/ },
  { eco: 'rubygems', name: /^opentelemetry-(sdk|instrumentation)/ },
  // Datadog APM
  'dd-trace', 'ddtrace', /^(gopkg\.in\/datadog\/dd-trace-go|github\.com\/datadog\/dd-trace-go)/,
  /^com\.datadoghq:dd-(trace|java)/, /^datadog\.trace/,
];

const OTEL_OPERATOR_INJECTION = hinted(
  /instrumentation\.opentelemetry\.io\/inject-\w+["']?\s*:\s*["']?(true|[\w-]+\/[\w-]+)/,
  'instrumentation.opentelemetry.io/inject-',
);

/** @public */
export const observabilityTracingCheck: ReadinessCheck = {
  id: 'observability-tracing',
  title: 'Distributed tracing',
  category: 'observability',
  severity: 'medium',
  description:
    'Looks for a tracing SDK among the dependencies (OpenTelemetry SDK or instrumentation for Node, Python, Go, Java, Rust, ' +
    '.NET; dd-trace), a tracing Java agent (`-javaagent:` OpenTelemetry, dd-java-agent or Elastic APM) or the OpenTelemetry ' +
    'operator inject annotation, or `OTEL_EXPORTER_OTLP_ENDPOINT` set in config, manifests or Dockerfiles. ' +
    'The OpenTelemetry API package alone does not count. Not applicable to libraries.',
  rationale: 'Without traces, a slow or failing request cannot be followed across services to the one at fault.',
  remediation:
    'Add the OpenTelemetry SDK (or auto-instrumentation agent) and export spans over OTLP by setting OTEL_EXPORTER_OTLP_ENDPOINT.',
  effort: 'M',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const found = await firstSignal([
      () => depSignal(ctx, TRACING_DEPS),
      async () => {
        const files = await ctx.repo.findTexts([
          ...DOCKERFILE_PATTERNS, '*.yaml', '*.yml', '*.json', '*.tf', '*.toml', '*.properties', '.env*', '*.env',
          '*.sh', '*.ts', '*.js', '*.mjs', '*.py', '*.go', '*.java', '*.kt', '*.rs', '*.cs',
        ]);
        return (
          textSignal(files, /-javaagent:\S*(opentelemetry|dd-java-agent|elastic-apm-agent)/i, 'tracing Java agent') ??
          textSignal(files, OTEL_OPERATOR_INJECTION, 'OpenTelemetry operator injection') ??
          textSignal(files, /\bOTEL_EXPORTER_OTLP(_TRACES)?_ENDPOINT\b/, 'OTEL_EXPORTER_OTLP_ENDPOINT')
        );
      },
    ]);
    return passOrFail(ctx, found, 'Tracing', 'No tracing SDK, tracing agent or OTLP exporter endpoint found');
  },
};

const ERROR_TRACKING_DEPS: Names = [
  /^@sentry\//, 'sentry-sdk', 'raven', 'github.com/getsentry/sentry-go', /^io\.sentry:/, /^sentry(\.|$)/, /^sentry-(ruby|rails)$/,
  'rollbar', /^rollbar[.-]/, 'github.com/rollbar/rollbar-go', /^com\.rollbar:/,
  /^@bugsnag\//, 'bugsnag', /^bugsnag[.-]/, /^github\.com\/bugsnag\/bugsnag-go/, /^com\.bugsnag:/,
  /^@honeybadger-io\//, 'honeybadger', /^honeybadger[.-]/, 'github.com/honeybadger-io/honeybadger-go', /^io\.honeybadger:/,
];

/** @public */
export const observabilityErrorTrackingCheck: ReadinessCheck = {
  id: 'observability-error-tracking',
  title: 'Error tracking',
  category: 'observability',
  severity: 'medium',
  description:
    'Looks for an error tracker among the (non-dev) dependencies: Sentry (@sentry/*, sentry-sdk, sentry-go, io.sentry, ' +
    'Sentry .NET), Rollbar, Bugsnag or Honeybadger; or the catalog annotations `sentry.io/project-slug` or ' +
    '`rollbar.com/project-slug`. Not applicable to libraries.',
  rationale: 'Unhandled exceptions that are only logged go unnoticed; an error tracker groups them, counts them and alerts on new ones.',
  remediation: 'Add Sentry (or Rollbar, Bugsnag, Honeybadger) to the service and link the project with a sentry.io/project-slug annotation.',
  effort: 'S',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const found = await firstSignal([
      () => depSignal(ctx, ERROR_TRACKING_DEPS),
      () => annotationSignal(ctx, ['sentry.io/project-slug', 'rollbar.com/project-slug']),
    ]);
    return passOrFail(ctx, found, 'Error tracking', 'No error tracker (Sentry, Rollbar, Bugsnag, Honeybadger) or project annotation found');
  },
};

/** @public */
export const observabilityAlertsCheck: ReadinessCheck = {
  id: 'observability-alerts',
  title: 'Alerts or SLOs as code',
  category: 'observability',
  severity: 'high',
  description:
    'Looks for alerts or SLOs defined as code: Prometheus rule groups with `alert:` and `expr:` (rule files, ConfigMaps, ' +
    '`kind: PrometheusRule`; one with only recording rules does not count), Sloth (`PrometheusServiceLevel` or a ' +
    '`prometheus/v1` spec), Pyrra `ServiceLevelObjective`, OpenSLO (`openslo/v1`), or Terraform monitors ' +
    '(datadog_monitor, CloudWatch alarms, google_monitoring_alert_policy, azurerm_monitor_metric_alert, grafana_rule_group). ' +
    'Scores 80 for alerts without runbooks and 100 when an alert definition carries a non-empty `runbook_url`. ' +
    'Not applicable to libraries.',
  rationale: 'Without alerts, outages are discovered by users; alerts without runbooks leave the on-call engineer guessing.',
  remediation:
    'Define SLOs with multi-window burn-rate alerts (Sloth, Pyrra or PrometheusRule) in the repository and give every alert a runbook_url annotation.',
  effort: 'M',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const defs = await alertDefinitions(ctx.repo);
    if (!defs.length) return outcome.fail('No alert rules, SLO specs or Terraform monitors found');
    const withRunbook = defs.filter(d => d.runbookLine !== undefined);
    const evidence = defs.map(d => ctx.repo.evidence(d.path, d.runbookLine ?? d.line, d.what));
    const list = defs.map(d => `${d.what} in ${d.path}`).slice(0, 3).join('; ');
    return withRunbook.length
      ? outcome.pass(`Alerts as code with runbook_url: ${list}`, evidence)
      : outcome.scored(80, `Alerts as code, but no alert has a runbook_url: ${list}`, evidence);
  },
};

const TF_DASHBOARDS =
  /^[ \t]*resource\s+"(grafana_dashboard|datadog_dashboard(_json)?|aws_cloudwatch_dashboard|google_monitoring_dashboard|azurerm_portal_dashboard|azurerm_dashboard|newrelic_one_dashboard(_json)?)"/m;

/** @public */
export const observabilityDashboardsCheck: ReadinessCheck = {
  id: 'observability-dashboards',
  title: 'Dashboards',
  category: 'observability',
  severity: 'low',
  description:
    'Looks for dashboards as code: Grafana dashboard JSON (with `panels` and `schemaVersion`, also embedded in a ConfigMap), ' +
    'jsonnet/libsonnet dashboards (grafonnet, grafana-builder), `kind: GrafanaDashboard`, Terraform dashboards ' +
    '(grafana, Datadog, CloudWatch, Google Cloud Monitoring, Azure, New Relic); or the catalog annotations ' +
    '`grafana/dashboard-selector` or `grafana/overview-dashboard`. Not applicable to libraries.',
  rationale: 'A service dashboard is where on-call starts during an incident; without one, every investigation begins from scratch.',
  remediation: 'Add a service dashboard (Grafana JSON or jsonnet in the repository) and link it with a grafana/dashboard-selector annotation.',
  effort: 'S',
  scope: 'repository',
  applies: notForLibraries,
  async run(ctx) {
    const { repo } = ctx;
    const grafanaJson = /"schemaVersion"\s*:/;
    const found = await firstSignal([
      async () => textSignal(await repo.findTexts('*.json'), /"panels"\s*:/, 'Grafana dashboard JSON', grafanaJson),
      async () => {
        const dash = (await k8sObjects(repo)).find(o => o.kind === 'GrafanaDashboard');
        return dash ? { what: `GrafanaDashboard ${dash.name ?? ''}`.trim(), path: dash.path, line: dash.line } : undefined;
      },
      async () => textSignal(await yamlFiles(repo), /"panels"\s*:/, 'Grafana dashboard JSON in a ConfigMap', grafanaJson),
      async () =>
        textSignal(
          await repo.findTexts(['*.jsonnet', '*.libsonnet']),
          /grafonnet|grafana-builder|\bdashboard\.new\(/,
          'jsonnet dashboard',
        ),
      async () => {
        const hit = findFirst(await terraformFiles(repo), TF_DASHBOARDS);
        return hit ? { what: `Terraform ${hit.match[1]}`, path: hit.path, line: hit.line } : undefined;
      },
      () => annotationSignal(ctx, ['grafana/dashboard-selector', 'grafana/overview-dashboard']),
    ]);
    return passOrFail(ctx, found, 'Dashboard', 'No dashboard as code or dashboard annotation found');
  },
};

/** The observability checks of CHECKS.md. @public */
export const observabilityChecks: ReadinessCheck[] = [
  observabilityLoggingCheck,
  observabilityMetricsCheck,
  observabilityTracingCheck,
  observabilityErrorTrackingCheck,
  observabilityAlertsCheck,
  observabilityDashboardsCheck,
];
