import path from 'node:path';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrations.js';

/** Open the configured database for a command-line tool (same env as the gateway). */
export async function openConfiguredDatabase(): Promise<Database> {
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? null : path.join(config.dataDir, 'pglite'),
  });
  await migrate(db);
  return db;
}
