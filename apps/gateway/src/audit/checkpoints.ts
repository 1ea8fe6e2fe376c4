import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { appendFile, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditCheckpoint } from '@onpatrol/contracts';
import { canonicalJson } from './chain.js';

/** The audit key could not be used (loose permissions, not an Ed25519 key). */
export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

/** The key pair that signs checkpoints, and the short ID each line names it by. */
export interface AuditKey {
  privateKey: KeyObject | null;
  publicKey: KeyObject;
  id: string;
}

/** One line of the checkpoint file. `prev` is the SHA-256 of the line before it ('' for the first). */
export interface CheckpointLine extends AuditCheckpoint {
  v: 1;
  prev: string;
  key: string;
  sig: string;
}

function keyId(publicKey: KeyObject): string {
  const raw = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

function fromPrivate(privateKey: KeyObject): AuditKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditKeyError('the audit key is not an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, id: keyId(publicKey) };
}

/**
 * The gateway's audit signing key: read from `file`, or created there (mode 0600, never
 * overwritten) on first start. A key others can read is refused, as ssh refuses one.
 */
export async function loadOrCreateAuditKey(file: string): Promise<AuditKey> {
  const existing = await readAuditKey(file);
  if (existing) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another gateway on the same folder created it first: use that one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return (await readAuditKey(file))!;
    throw err;
  }
  return fromPrivate(privateKey);
}

/** The key in `file`, or null when there is none (verification then cannot check signatures). */
export async function readAuditKey(file: string): Promise<AuditKey | null> {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!info) return null;
  if (info.mode & 0o077) {
    throw new AuditKeyError(
      `the audit key ${file} is readable by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`,
    );
  }
  return fromPrivate(createPrivateKey(await readFile(file)));
}

const signedPart = (c: Omit<CheckpointLine, 'sig'>) =>
  canonicalJson({ v: c.v, seq: c.seq, hash: c.hash, at: c.at, count: c.count, prev: c.prev, key: c.key });

/** Sign a checkpoint that follows the line `prevLine` ('' for the first). */
export function signCheckpoint(key: AuditKey, c: AuditCheckpoint, prevLine: string): CheckpointLine {
  if (!key.privateKey) throw new AuditKeyError('no private key to sign with');
  const prev = prevLine ? createHash('sha256').update(prevLine).digest('hex') : '';
  const body = { v: 1 as const, ...c, prev, key: key.id };
  const sig = sign(null, Buffer.from(signedPart(body)), key.privateKey).toString('base64');
  return { ...body, sig };
}

/** Whether the line is signed by `key` (its ID and its signature). */
export function checkSignature(key: AuditKey, line: CheckpointLine): boolean {
  if (line.key !== key.id || typeof line.sig !== 'string') return false;
  return verify(null, Buffer.from(signedPart(line)), key.publicKey, Buffer.from(line.sig, 'base64'));
}

/** SHA-256 of a line's text, as the next line's `prev` names it. */
export const lineDigest = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every line of the checkpoint file (text), oldest first; none when the file does not exist. */
export async function readCheckpointFile(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  return text.split('\n').filter((l) => l.length > 0);
}

/** The last line of the file without reading all of it (the writer resumes from it). */
export async function lastCheckpointLine(file: string): Promise<string | null> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!handle) return null;
  try {
    const { size } = await handle.stat();
    for (let span = 4096; ; span *= 4) {
      const start = Math.max(0, size - span);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      const lines = buf.toString('utf8').split('\n').filter(Boolean);
      // A whole last line is there once a newline precedes it, or the read reached the start.
      if (lines.length > 1 || start === 0) return lines.at(-1) ?? null;
    }
  } finally {
    await handle.close();
  }
}

/** Append one line (O_APPEND: concurrent writers never interleave within a line of this size). */
export async function appendCheckpoint(file: string, line: CheckpointLine): Promise<string> {
  const text = JSON.stringify(line);
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${text}\n`, { mode: 0o600 });
  return text;
}
