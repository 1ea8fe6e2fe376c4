import pino from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { startSimulator } from './simulator.js';

// Entry point: configuration from the environment, logs as JSON lines, graceful stop on signals.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`simulator: ${err.message}`);
  process.exit(2);
}
const logger = pino({ level: config.logLevel, base: { app: 'simulator' } });
const sim = await startSimulator({ ...config, logger });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
