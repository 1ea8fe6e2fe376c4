// Verify the audit log: its hash chain and the signed checkpoints of its head kept outside the
// database (deleted or rewritten newest records). Exit 0 when intact, 1 naming every problem.
// Usage: pnpm --filter @onpatrol/gateway audit:verify
//   (same env as the gateway: DATABASE_URL, DATA_DIR, AUDIT_KEY_FILE, AUDIT_CHECKPOINT_FILE)
import { readAuditKey } from '../audit/checkpoints.js';
import { AuditService } from '../audit/service.js';
import { verifyAudit } from '../audit/verify.js';
import { loadConfig } from '../config.js';
import { openConfiguredDatabase } from './open.js';

const config = loadConfig();
const db = await openConfiguredDatabase();
// Read only: a missing key is reported, never created here.
const key = await readAuditKey(config.audit.keyFile);
const result = await verifyAudit(new AuditService(db), key, config.audit.checkpointFile);
await db.close();
for (const note of result.notes) console.warn(`note: ${note}`);
const last = result.lastCheckpoint;
const anchor = last
  ? `; last checkpoint: record ${last.seq} at ${last.at} (${last.verified ? 'verified' : 'NOT verified'})`
  : '';
if (!result.intact) {
  for (const p of result.problems) {
    console.error(
      p.seq === undefined
        ? `audit checkpoints BROKEN: ${p.message}`
        : `audit chain BROKEN at record ${p.seq}: ${p.message}`,
    );
  }
  process.exit(1);
}
console.log(`audit chain intact: ${result.records} records, ${result.checkpoints} checkpoints${anchor}`);
