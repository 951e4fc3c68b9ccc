import { runCheck, testEntity } from './testUtils';
import {
  observabilityAlertsCheck,
  observabilityChecks,
  observabilityDashboardsCheck,
  observabilityErrorTrackingCheck,
  observabilityLoggingCheck,
  observabilityMetricsCheck,
  observabilityTracingCheck,
} from './observability';

const pkg = (deps: Record<string, string>, devDeps: Record<string, string> = {}) =>
  JSON.stringify({ name: 'svc', dependencies: deps, devDependencies: devDeps }, null, 2);

const library = testEntity({ spec: { type: 'library' } });

describe('observabilityChecks', () => {
  it('exports the six checks', () => {
    expect(observabilityChecks.map(c => c.id)).toEqual([
      'observability-logging',
      'observability-metrics',
      'observability-tracing',
      'observability-error-tracking',
      'observability-alerts',
      'observability-dashboards',
    ]);
  });

  it.each(observabilityChecks.map(c => [c.id, c] as const))('%s is not applicable to a library', async (_id, check) => {
    const r = await runCheck(check, { 'package.json': pkg({ pino: '^9' }) }, { entity: library });
    expect(r.status).toBe('not-applicable');
    expect(r.summary).toMatch(/library is not deployed/);
  });
});

describe('observability-logging', () => {
  it('passes on pino', async () => {
    const r = await runCheck(observabilityLoggingCheck, { 'package.json': pkg({ express: '^4', pino: '^9' }) });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
    expect(r.evidence[0]).toMatchObject({ path: 'package.json', line: 5 });
  });

  it('passes on structlog in pyproject', async () => {
    const r = await runCheck(observabilityLoggingCheck, {
      'pyproject.toml': '[project]\nname = "svc"\ndependencies = [\n  "structlog>=24",\n]\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100 });
  });

  it('passes on a Go slog JSON handler and a logrus JSON formatter', async () => {
    const slog = await runCheck(observabilityLoggingCheck, {
      'go.mod': 'module x\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport "log/slog"\n\nfunc main() {\n\tl := slog.New(slog.NewJSONHandler(os.Stdout, nil))\n}\n',
    });
    expect(slog).toMatchObject({ status: 'pass', score: 100 });
    expect(slog.evidence[0]).toMatchObject({ path: 'main.go', line: 6 });

    const logrus = await runCheck(observabilityLoggingCheck, {
      'main.go': 'package main\n\nimport log "github.com/sirupsen/logrus"\n\nfunc init() { log.SetFormatter(&log.JSONFormatter{}) }\n',
    });
    expect(logrus).toMatchObject({ status: 'pass', score: 100 });
  });

  it('passes on a log4j2 JSON layout, Serilog compact JSON and tracing-subscriber json', async () => {
    const log4j = await runCheck(observabilityLoggingCheck, {
      'src/main/resources/log4j2.xml': '<Configuration>\n<Appenders><Console name="c">\n<JsonTemplateLayout eventTemplateUri="classpath:EcsLayout.json"/>\n</Console></Appenders>\n</Configuration>\n',
    });
    expect(log4j).toMatchObject({ status: 'pass', score: 100 });
    expect(log4j.evidence[0]).toMatchObject({ path: 'src/main/resources/log4j2.xml', line: 3 });

    const serilog = await runCheck(observabilityLoggingCheck, {
      'Api/Program.cs': 'Log.Logger = new LoggerConfiguration()\n  .WriteTo.Console(new RenderedCompactJsonFormatter())\n  .CreateLogger();\n',
    });
    expect(serilog).toMatchObject({ status: 'pass', score: 100 });

    const rust = await runCheck(observabilityLoggingCheck, {
      'Cargo.toml': '[package]\nname = "svc"\n\n[dependencies]\ntracing-subscriber = { version = "0.3", features = ["json", "env-filter"] }\n',
    });
    expect(rust).toMatchObject({ status: 'pass', score: 100 });
    expect(rust.evidence[0]).toMatchObject({ path: 'Cargo.toml' });
  });

  it('fails on plain logrus, a text log4j2 layout, a dev-only pino and pino under node_modules', async () => {
    const r = await runCheck(observabilityLoggingCheck, {
      'package.json': pkg({ express: '^4' }, { pino: '^9' }),
      'node_modules/pino/package.json': pkg({ 'sonic-boom': '^3' }),
      'node_modules/x/package.json': pkg({ pino: '^9' }),
      'main.go': 'package main\n\nimport "github.com/sirupsen/logrus"\n\nfunc init() { logrus.SetFormatter(&logrus.TextFormatter{}) }\n',
      'log4j2.xml': '<Configuration><Console><PatternLayout pattern="%m%n"/></Console></Configuration>\n',
      'Cargo.toml': '[dependencies]\ntracing-subscriber = "0.3"\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0, evidence: [] });
  });
});

describe('observability-logging with OpenTelemetry logs', () => {
  it('passes on a Go otelslog bridge and on .NET logging exported through OpenTelemetry', async () => {
    const go = await runCheck(observabilityLoggingCheck, {
      'svc/go.mod': 'module example.com/svc\n\nrequire (\n\tgo.opentelemetry.io/contrib/bridges/otelslog v0.9.0\n\tgo.opentelemetry.io/otel/sdk/log v0.10.0\n)\n',
    });
    expect(go).toMatchObject({ status: 'pass', evidence: [{ path: 'svc/go.mod', line: 4 }] });
    const dotnet = await runCheck(observabilityLoggingCheck, {
      'Defaults/Telemetry.cs': 'using OpenTelemetry.Logs;\n\npublic static class T\n{\n    public static void Add(IHostApplicationBuilder b)\n    {\n        b.Logging.AddOpenTelemetry(o => o.IncludeScopes = true);\n    }\n}\n',
    });
    expect(dotnet).toMatchObject({ status: 'pass', evidence: [{ path: 'Defaults/Telemetry.cs', line: 7 }] });
  });

  it('fails on tracing-only OpenTelemetry in .NET and the Go API package', async () => {
    const r = await runCheck(observabilityLoggingCheck, {
      'go.mod': 'module x\n\nrequire go.opentelemetry.io/otel v1.30.0\n',
      'Startup.cs': 'using OpenTelemetry.Trace;\n\nservices.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation());\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('observability-metrics', () => {
  it('passes on prom-client, client_golang, micrometer and prometheus_client', async () => {
    const cases: Record<string, string>[] = [
      { 'package.json': pkg({ 'prom-client': '^15' }) },
      { 'go.mod': 'module x\n\nrequire (\n\tgithub.com/prometheus/client_golang v1.19.0\n)\n' },
      { 'pom.xml': '<project><dependencies><dependency><groupId>io.micrometer</groupId><artifactId>micrometer-registry-prometheus</artifactId></dependency></dependencies></project>' },
      { 'requirements.txt': 'flask==3.0\nprometheus_client==0.20\n' },
    ];
    for (const files of cases) {
      const r = await runCheck(observabilityMetricsCheck, files);
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0].path).toBe(Object.keys(files)[0]);
    }
  });

  it('passes on StatsD / DogStatsD clients', async () => {
    const cases: Record<string, string>[] = [
      { 'package.json': pkg({ koa: '^3', 'hot-shots': '^12' }) },
      { 'requirements.txt': 'fastapi==0.115\ndatadog==0.50\n' },
      { 'go.mod': 'module x\n\nrequire (\n\tgithub.com/DataDog/datadog-go/v5 v5.5.0\n)\n' },
    ];
    for (const files of cases) {
      const r = await runCheck(observabilityMetricsCheck, files);
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0].path).toBe(Object.keys(files)[0]);
    }
  });

  it('passes on the OpenTelemetry Go metrics SDK and on .NET WithMetrics', async () => {
    const go = await runCheck(observabilityMetricsCheck, {
      'go.mod': 'module x\n\nrequire (\n\tgo.opentelemetry.io/otel v1.30.0\n\tgo.opentelemetry.io/otel/sdk/metric v1.30.0\n)\n',
    });
    expect(go).toMatchObject({ status: 'pass', evidence: [{ path: 'go.mod', line: 5 }] });
    const dotnet = await runCheck(observabilityMetricsCheck, {
      'Defaults/Telemetry.cs': 'using OpenTelemetry.Metrics;\n\nbuilder.Services.AddOpenTelemetry()\n    .WithMetrics(m => m.AddAspNetCoreInstrumentation());\n',
    });
    expect(dotnet).toMatchObject({ status: 'pass', evidence: [{ path: 'Defaults/Telemetry.cs', line: 4 }] });
  });

  it('fails on OpenTelemetry tracing alone (Go trace SDK, .NET WithTracing)', async () => {
    const r = await runCheck(observabilityMetricsCheck, {
      'go.mod': 'module x\n\nrequire (\n\tgo.opentelemetry.io/otel/sdk v1.30.0\n\tgo.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp v1.30.0\n)\n',
      'Startup.cs': 'services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation());\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('does not take the npm statsd daemon for a client', async () => {
    const r = await runCheck(observabilityMetricsCheck, { 'package.json': pkg({ statsd: '^0.10' }) });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('passes on a ServiceMonitor or a scrape annotation', async () => {
    const monitor = await runCheck(observabilityMetricsCheck, {
      'deploy/monitor.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: svc\nspec:\n  endpoints:\n    - port: http\n',
    });
    expect(monitor).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'deploy/monitor.yaml', line: 1 }] });

    const annotation = await runCheck(observabilityMetricsCheck, {
      'deploy/deployment.yaml': 'kind: Deployment\nspec:\n  template:\n    metadata:\n      annotations:\n        prometheus.io/scrape: "true"\n',
    });
    expect(annotation).toMatchObject({ status: 'pass', evidence: [{ path: 'deploy/deployment.yaml', line: 6 }] });
  });

  it('fails on prometheus.io/scrape "false", a commented annotation and the Cargo crate name in npm', async () => {
    const r = await runCheck(observabilityMetricsCheck, {
      'package.json': pkg({ prometheus: '^0.1' }),
      'a.yaml': 'metadata:\n  annotations:\n    prometheus.io/scrape: "false"\n',
      'b.yaml': 'metadata:\n  annotations:\n    # prometheus.io/scrape: "true"\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('observability-tracing', () => {
  it('passes on the OpenTelemetry Node SDK', async () => {
    const r = await runCheck(observabilityTracingCheck, {
      'package.json': pkg({ '@opentelemetry/api': '^1', '@opentelemetry/sdk-node': '^0.50' }),
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'package.json' }] });
  });

  it('passes on go.opentelemetry.io/otel, io.opentelemetry and dd-trace', async () => {
    const cases: Record<string, string>[] = [
      { 'go.mod': 'module x\n\nrequire go.opentelemetry.io/otel/sdk v1.24.0\n' },
      { 'build.gradle.kts': 'dependencies {\n  implementation("io.opentelemetry:opentelemetry-sdk:1.36.0")\n}\n' },
      { 'package.json': pkg({ 'dd-trace': '^5' }) },
    ];
    for (const files of cases) {
      expect(await runCheck(observabilityTracingCheck, files)).toMatchObject({ status: 'pass', score: 100 });
    }
  });

  it('does not take the Go API, a log bridge or runtime metrics for tracing, and cites the trace dependency', async () => {
    const stub = await runCheck(observabilityTracingCheck, {
      'go.mod': 'module x\n\nrequire (\n\tgo.opentelemetry.io/contrib/bridges/otelslog v0.9.0\n\tgo.opentelemetry.io/contrib/instrumentation/runtime v0.60.0\n\tgo.opentelemetry.io/otel v1.30.0\n)\n',
    });
    expect(stub).toMatchObject({ status: 'fail', score: 0 });
    const real = await runCheck(observabilityTracingCheck, {
      'go.mod': 'module x\n\nrequire (\n\tgo.opentelemetry.io/contrib/bridges/otelslog v0.9.0\n\tgo.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc v0.60.0\n)\n',
    });
    expect(real).toMatchObject({ status: 'pass', evidence: [{ path: 'go.mod', line: 5 }] });
  });

  it('passes on OTEL_EXPORTER_OTLP_ENDPOINT in a manifest and on a Java agent in a Dockerfile', async () => {
    const env = await runCheck(observabilityTracingCheck, {
      'k8s/deploy.yaml': 'env:\n  - name: OTEL_EXPORTER_OTLP_ENDPOINT\n    value: http://otel:4317\n',
    });
    expect(env).toMatchObject({ status: 'pass', evidence: [{ path: 'k8s/deploy.yaml', line: 2 }] });
    const agent = await runCheck(observabilityTracingCheck, {
      Dockerfile: 'FROM eclipse-temurin:21\nENTRYPOINT ["java", "-javaagent:/otel/opentelemetry-javaagent.jar", "-jar", "app.jar"]\n',
    });
    expect(agent).toMatchObject({ status: 'pass', evidence: [{ path: 'Dockerfile', line: 2 }] });
    const operator = await runCheck(observabilityTracingCheck, {
      'k8s/deploy.yaml': 'metadata:\n  annotations:\n    instrumentation.opentelemetry.io/inject-java: "true"\n',
    });
    expect(operator).toMatchObject({ status: 'pass', evidence: [{ path: 'k8s/deploy.yaml', line: 3 }] });
  });

  it('fails on the OpenTelemetry API alone, on opentelemetry-api in Python and on a mention in the README', async () => {
    const r = await runCheck(observabilityTracingCheck, {
      'package.json': pkg({ '@opentelemetry/api': '^1' }),
      'requirements.txt': 'opentelemetry-api==1.24\n',
      'README.md': '# svc\n\nSet OTEL_EXPORTER_OTLP_ENDPOINT to enable tracing (not done yet).\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

describe('observability-error-tracking', () => {
  it('passes on @sentry/node and sentry-go', async () => {
    expect(await runCheck(observabilityErrorTrackingCheck, { 'package.json': pkg({ '@sentry/node': '^8' }) })).toMatchObject({
      status: 'pass',
      score: 100,
      evidence: [{ path: 'package.json' }],
    });
    expect(
      await runCheck(observabilityErrorTrackingCheck, { 'go.mod': 'module x\n\nrequire github.com/getsentry/sentry-go v0.27.0\n' }),
    ).toMatchObject({ status: 'pass' });
  });

  it('passes on a sentry.io/project-slug annotation, pointing at catalog-info.yaml', async () => {
    const entity = testEntity({ metadata: { annotations: { 'sentry.io/project-slug': 'acme/svc' } } });
    const r = await runCheck(
      observabilityErrorTrackingCheck,
      { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\n  annotations:\n    sentry.io/project-slug: acme/svc\n' },
      { entity },
    );
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'catalog-info.yaml', line: 6 }] });
  });

  it('fails when only the Sentry CLI is a dev dependency', async () => {
    const r = await runCheck(observabilityErrorTrackingCheck, { 'package.json': pkg({ express: '^4' }, { '@sentry/cli': '^2' }) });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});

const RULES = `groups:
  - name: svc
    rules:
      - alert: HighErrorRate
        expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
        for: 10m
`;

describe('observability-alerts', () => {
  it('passes with a runbook_url on a Prometheus alert', async () => {
    const r = await runCheck(observabilityAlertsCheck, {
      'monitoring/alerts.yaml': `${RULES}        annotations:\n          runbook_url: https://wiki/runbooks/high-error-rate\n`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'monitoring/alerts.yaml', line: 8 }] });
  });

  it('scores 80 for alerts without a runbook_url', async () => {
    const r = await runCheck(observabilityAlertsCheck, { 'monitoring/alerts.yaml': RULES });
    expect(r).toMatchObject({ status: 'partial', score: 80, evidence: [{ path: 'monitoring/alerts.yaml', line: 4 }] });
    expect(r.summary).toMatch(/no alert has a runbook_url/);
  });

  it('finds PrometheusRule, Sloth, Pyrra, OpenSLO and Terraform monitors', async () => {
    const cases: Record<string, string>[] = [
      { 'k8s/rules.yaml': `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: svc\nspec:\n  ${RULES.replace(/\n/g, '\n  ')}` },
      { 'slo/sloth.yaml': 'version: "prometheus/v1"\nservice: "svc"\nslos:\n  - name: availability\n    objective: 99.9\n' },
      { 'slo/pyrra.yaml': 'apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: svc\nspec:\n  target: "99"\n' },
      { 'slo/openslo.yaml': 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: svc\nspec:\n  budgetingMethod: Occurrences\n' },
      { 'infra/monitors.tf': 'resource "datadog_monitor" "errors" {\n  name = "errors"\n  query = "x"\n}\n' },
    ];
    for (const files of cases) {
      const r = await runCheck(observabilityAlertsCheck, files);
      expect(r).toMatchObject({ status: 'partial', score: 80 });
      expect(r.evidence[0].path).toBe(Object.keys(files)[0]);
    }
  });

  it('fails on recording rules only, a commented-out monitor and an empty runbook_url alone', async () => {
    const r = await runCheck(observabilityAlertsCheck, {
      'monitoring/recording.yaml': 'groups:\n  - name: rec\n    rules:\n      - record: job:http:rate5m\n        expr: sum(rate(x[5m]))\n',
      'k8s/rec.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: rec\nspec:\n  groups:\n    - name: rec\n      rules:\n        - record: a\n          expr: b\n',
      'infra/old.tf': '# resource "datadog_monitor" "errors" {\n# }\n',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });

  it('keeps 80 when the runbook_url is empty', async () => {
    const r = await runCheck(observabilityAlertsCheck, {
      'alerts.yml': `${RULES}        annotations:\n          runbook_url: ""\n`,
    });
    expect(r).toMatchObject({ status: 'partial', score: 80 });
  });
});

describe('observability-dashboards', () => {
  it('passes on Grafana dashboard JSON', async () => {
    const r = await runCheck(observabilityDashboardsCheck, {
      'dashboards/svc.json': '{\n  "title": "svc",\n  "schemaVersion": 39,\n  "panels": [\n    { "type": "timeseries" }\n  ]\n}\n',
    });
    expect(r).toMatchObject({ status: 'pass', score: 100, evidence: [{ path: 'dashboards/svc.json', line: 4 }] });
  });

  it('passes on GrafanaDashboard, jsonnet, Terraform and the catalog annotation', async () => {
    const cases: Record<string, string>[] = [
      { 'k8s/dash.yaml': 'apiVersion: grafana.integreatly.org/v1beta1\nkind: GrafanaDashboard\nmetadata:\n  name: svc\nspec:\n  url: x\n' },
      { 'mixin/dashboards.libsonnet': "local g = import 'github.com/grafana/grafonnet/gen/grafonnet-latest/main.libsonnet';\n{}\n" },
      { 'infra/dash.tf': 'resource "grafana_dashboard" "svc" {\n  config_json = file("svc.json")\n}\n' },
    ];
    for (const files of cases) {
      const r = await runCheck(observabilityDashboardsCheck, files);
      expect(r).toMatchObject({ status: 'pass', score: 100 });
      expect(r.evidence[0].path).toBe(Object.keys(files)[0]);
    }
    const entity = testEntity({ metadata: { annotations: { 'grafana/dashboard-selector': "tags @> 'svc'" } } });
    expect(await runCheck(observabilityDashboardsCheck, {}, { entity })).toMatchObject({ status: 'pass', score: 100 });
  });

  it('fails on JSON that is not a dashboard and on dashboards under node_modules', async () => {
    const r = await runCheck(observabilityDashboardsCheck, {
      'config.json': '{ "panels": [] }',
      'node_modules/lib/dash.json': '{ "schemaVersion": 39, "panels": [] }',
    });
    expect(r).toMatchObject({ status: 'fail', score: 0 });
  });
});
