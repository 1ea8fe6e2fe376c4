// Verify the audit log's hash chain: exit 0 when intact, 1 naming the first broken record.
// Usage: pnpm --filter @onpatrol/gateway audit:verify   (same env as the gateway: DATABASE_URL, DATA_DIR)
import { AuditService } from '../audit/service.js';
import { openConfiguredDatabase } from './open.js';

const db = await openConfiguredDatabase();
const broken = await new AuditService(db).verify();
const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
await db.close();
if (broken) {
  console.error(`audit chain BROKEN at record ${broken.seq}: ${broken.reason}`);
  process.exit(1);
}
console.log(`audit chain intact: ${count?.n ?? 0} records`);
