// Create (or reset) an administrator outside the demo mode, where no default password exists.
// Usage: ADMIN_PASSWORD=… pnpm --filter @onpatrol/gateway create-admin <username>
//        (or pipe the password on standard input)
import { readFileSync } from 'node:fs';
import { AuditService } from '../audit/service.js';
import { AuthService } from '../auth/service.js';
import { openConfiguredDatabase } from './open.js';

const username = process.argv[2] ?? '';
if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(username)) {
  console.error('usage: create-admin <username>  (3-32 characters: a-z, 0-9, _ . -, starting with a letter)');
  process.exit(2);
}
const password = process.env.ADMIN_PASSWORD ?? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8').trim());
if (password.length < 12) {
  console.error('the password (ADMIN_PASSWORD or standard input) must have at least 12 characters');
  process.exit(2);
}
const db = await openConfiguredDatabase();
await new AuthService(db, 1).upsertUser({
  username,
  displayName: username,
  role: 'admin',
  stationId: null,
  password,
});
await new AuditService(db).append({
  actor: null,
  action: 'user.create_admin',
  targetKind: 'user',
  targetId: username,
  details: { via: 'cli' },
});
await db.close();
console.log(`administrator ${username} is ready`);
