import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { AuthService } from './auth/service.js';
import { prepareDatabase } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/database.js';

// Only start-up, listening and graceful shutdown live here; everything else is in app.ts.
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : path.join(config.dataDir, 'pglite'),
  });
  const prepared = await prepareDatabase(db, new AuthService(db, config.sessionHours), config);
  const app = await buildApp({ config, db });
  if (prepared.seeded)
    app.log.info('seeded the reference district (Yunhe): 439 camera sets, 5,999 cameras, 1,186 alarms');
  await app.listen({ host: config.host, port: config.port });
  if (prepared.demo) {
    const lines = prepared.demo.map(
      (a) => `  ${a.username.padEnd(12)} ${a.role}${a.stationNo ? ` (station ${a.stationNo})` : ''}`,
    );
    process.stdout.write(
      `\nDemo accounts created (password: the DEMO_PASSWORD, default "patrol2024"):\n${lines.join('\n')}\n\n`,
    );
  }

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await db.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
}

main().catch((err) => {
  console.error('gateway failed to start:', err);
  process.exit(1);
});
