// Loaded with `node --require` before the application, so that the
// instrumentations patch http, express and pg before they are imported.
import { getNodeAutoInstrumentations } from '@opentelemetry/auto-instrumentations-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import * as Sentry from '@sentry/node';

const sdk = new NodeSDK({
  serviceName: 'payments-api',
  // Sends to OTEL_EXPORTER_OTLP_ENDPOINT (the node's collector in Kubernetes).
  traceExporter: new OTLPTraceExporter(),
  instrumentations: [
    getNodeAutoInstrumentations({
      '@opentelemetry/instrumentation-fs': { enabled: false },
    }),
  ],
});
sdk.start();

if (process.env.SENTRY_DSN) {
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.DEPLOY_ENV ?? 'development',
    release: process.env.APP_VERSION,
    // Tracing goes through OpenTelemetry above; Sentry only gets errors.
    skipOpenTelemetrySetup: true,
    tracesSampleRate: 0,
  });
}

/** Flushes spans and error events; called on shutdown. */
export async function stopTelemetry(): Promise<void> {
  await Promise.allSettled([sdk.shutdown(), Sentry.close(2000)]);
}
