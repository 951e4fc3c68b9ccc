import { createApp } from './app';
import { loadConfig } from './config';
import { createDb } from './db';
import { stopTelemetry } from './instrument';
import { logger } from './logger';

const config = loadConfig();
const db = createDb(config);
const lifecycle = { shuttingDown: false };
const server = createApp(db, lifecycle).listen(config.PORT, () => {
  logger.info({ port: config.PORT }, 'payments-api listening');
});

// Kubernetes sends SIGTERM, waits terminationGracePeriodSeconds (40 s), then
// SIGKILL. Fail readiness, stop accepting connections, let in-flight requests
// finish, then close the database pool and flush telemetry.
function shutdown(signal: NodeJS.Signals) {
  if (lifecycle.shuttingDown) return;
  lifecycle.shuttingDown = true;
  logger.info({ signal }, 'shutting down');

  setTimeout(() => {
    logger.error('graceful shutdown timed out, exiting');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS).unref();

  server.close(async closeError => {
    await db.destroy();
    await stopTelemetry();
    process.exit(closeError ? 1 : 0);
  });
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('unhandledRejection', reason => {
  logger.error({ reason }, 'unhandled promise rejection');
});
