// Sign-in cost and the throttle's effect.
// 1. argon2id parameters vs. time to verify one password on this machine.
// 2. A brute-force run of 1,000 passwords against one account, from one address and from 1,000
//    addresses: how many passwords are actually checked before the lockout/throttle stops it,
//    and whether the account's owner still signs in from their own workstation meanwhile.
// Run: node --conditions=source --import tsx bench/signin.ts
import { hash, verify } from '@node-rs/argon2';
import { buildApp } from '../apps/gateway/src/app.js';
import { AuthService } from '../apps/gateway/src/auth/service.js';
import { prepareDatabase } from '../apps/gateway/src/bootstrap.js';
import { loadConfig } from '../apps/gateway/src/config.js';
import { openPglite } from '../apps/gateway/src/db/database.js';
import { report } from './lib/stats.js';

const RUNS = Number(process.env.RUNS ?? 15);
console.log('argon2id verify time by parameters (memory KiB, iterations, parallelism 1)');
for (const [memoryCost, timeCost] of [
  [19456, 2],
  [47104, 1],
  [65536, 3],
] as const) {
  const stored = await hash('correct horse battery staple', {
    algorithm: 2,
    memoryCost,
    timeCost,
    parallelism: 1,
  });
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await verify(stored, 'wrong password');
    samples.push(performance.now() - t);
  }
  const used = memoryCost === 19456 && timeCost === 2 ? '  <- used' : '';
  report(`  m=${memoryCost} t=${timeCost}${used}`, samples);
}

const config = loadConfig({
  DEMO_PASSWORD: 'bench-password',
  WEB_DIST: '/nonexistent',
  MEDIA_PREWARM_KEY_SITES: 'false',
  DATA_DIR: '/tmp/onpatrol-bench',
});
const db = await openPglite(null);
await prepareDatabase(db, new AuthService(db, 1), config);
const app = await buildApp({ config, db, logger: false });
await app.ready();

async function attack(user: string, addressOf: (i: number) => string) {
  const outcomes = { wrong: 0, refused: 0, accepted: 0 };
  const t = performance.now();
  for (let i = 0; i < 1000; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user, password: i === 999 ? 'bench-password' : `guess-${i}` },
      remoteAddress: addressOf(i),
    });
    if (res.statusCode === 401) outcomes.wrong++;
    else if (res.statusCode === 429) outcomes.refused++;
    else if (res.statusCode === 200) outcomes.accepted++;
  }
  return { ...outcomes, seconds: (performance.now() - t) / 1000 };
}

console.log('\n1,000 passwords against one account (the last one is the right password)');
const one = await attack('chief1', () => '10.0.0.1');
console.log(
  `  from one address:      ${one.wrong} checked and wrong, ${one.refused} refused (429), right password accepted: ${one.accepted === 1} (${one.seconds.toFixed(1)} s)`,
);
// The owner signed in from their workstation before the attack.
const owner = () =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'chief2', password: 'bench-password' },
    remoteAddress: '10.2.0.1',
  });
await owner();
const many = await attack('chief2', (i) => `10.1.${i >> 8}.${i & 255}`);
console.log(
  `  from 1,000 addresses:  ${many.wrong} checked and wrong, ${many.refused} refused (429), right password accepted: ${many.accepted === 1} (${many.seconds.toFixed(1)} s)`,
);
console.log(
  `  the owner at their own workstation meanwhile: ${(await owner()).statusCode === 200 ? 'signs in' : 'locked out'}`,
);
await app.close();
await db.close();
