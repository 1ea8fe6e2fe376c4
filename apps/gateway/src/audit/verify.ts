import type { AuditProblem, AuditVerification } from '@onpatrol/contracts';
import {
  type AuditKey,
  type CheckpointLine,
  checkSignature,
  lineDigest,
  readCheckpointFile,
} from './checkpoints.js';
import type { AuditService } from './service.js';

/** Signature problems listed one by one; beyond, they are counted. */
const MAX_LISTED = 20;

function parse(text: string): CheckpointLine | null {
  try {
    const c = JSON.parse(text) as CheckpointLine;
    const ok =
      Number.isInteger(c.seq) &&
      typeof c.hash === 'string' &&
      typeof c.at === 'string' &&
      Number.isInteger(c.count) &&
      typeof c.prev === 'string';
    return ok ? c : null;
  } catch {
    return null;
  }
}

/**
 * Check the audit log: its hash chain, then every signed checkpoint in `file` against the table.
 * A checkpoint beyond the table's last record means the newest records were deleted; one whose
 * hash differs from the record at its seq means records were rewritten (hashes recomputed, which
 * the chain alone cannot see). Lines not signed by `key`, unreadable, removed or reordered are
 * reported too. Without a key the signatures cannot be checked (noted, not a problem).
 */
export async function verifyAudit(
  audit: AuditService,
  key: AuditKey | null,
  file: string,
): Promise<AuditVerification> {
  const state = await audit.chainState();
  const lines = await readCheckpointFile(file);
  const problems: AuditProblem[] = [];
  const notes: string[] = [];
  if (state.broken) problems.push({ kind: 'chain', seq: state.broken.seq, message: state.broken.reason });
  if (!key) notes.push('no audit key: the checkpoints’ signatures were not checked');
  if (lines.length === 0) notes.push(`no checkpoint yet in ${file}: the newest records are not anchored`);

  let truncated: CheckpointLine | null = null;
  let rewritten: CheckpointLine | null = null;
  let badSignatures = 0;
  let last: AuditVerification['lastCheckpoint'] = null;
  lines.forEach((text, i) => {
    const line = i + 1;
    const c = parse(text);
    if (!c) {
      problems.push({ kind: 'checkpoints', line, message: `checkpoint line ${line} is not a checkpoint` });
      last = null;
      return;
    }
    if (c.prev !== (i === 0 ? '' : lineDigest(lines[i - 1]!))) {
      problems.push({
        kind: 'checkpoints',
        line,
        seq: c.seq,
        message: `checkpoint line ${line} does not follow the line before it: lines were removed, changed or reordered`,
      });
    }
    const signed = key ? checkSignature(key, c) : false;
    if (key && !signed && ++badSignatures <= MAX_LISTED) {
      problems.push({
        kind: 'signature',
        line,
        seq: c.seq,
        message: `checkpoint line ${line} (record ${c.seq}) is not signed by this gateway's audit key`,
      });
    }
    const held = state.hashes.get(c.seq);
    if (c.seq > state.lastSeq) {
      if (!truncated || c.seq > truncated.seq) truncated = c;
    } else if (held !== undefined && held !== c.hash) {
      if (!rewritten || c.seq < rewritten.seq) rewritten = c;
    }
    const { seq, hash, at, count } = c;
    last = { seq, hash, at, count, verified: signed && held === c.hash };
  });
  if (badSignatures > MAX_LISTED) {
    problems.push({
      kind: 'signature',
      message: `${badSignatures - MAX_LISTED} more checkpoint lines are not signed by this gateway's audit key`,
    });
  }
  const t = truncated as CheckpointLine | null;
  if (t) {
    problems.push({
      kind: 'truncated',
      seq: t.seq,
      message: `the log ends at record ${state.lastSeq}, but the checkpoint of ${t.at} signed record ${t.seq}: records ${state.lastSeq + 1}–${t.seq} were deleted`,
    });
  }
  const r = rewritten as CheckpointLine | null;
  if (r) {
    problems.push({
      kind: 'rewritten',
      seq: r.seq,
      message: `record ${r.seq} is not the one the checkpoint of ${r.at} signed: it, or records before it, were rewritten`,
    });
  }
  return {
    intact: problems.length === 0,
    records: state.records,
    checkpoints: lines.length,
    lastCheckpoint: last,
    problems,
    notes,
    checkedAt: new Date().toISOString(),
  };
}
