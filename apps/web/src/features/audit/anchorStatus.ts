import type { AuditVerification } from '@onpatrol/contracts';

/** How the audit page words the anchor: which message, with which record and time. */
export interface AnchorStatus {
  state: 'verified' | 'unverified' | 'broken' | 'none';
  seq: string;
  at: string | null;
}

/**
 * The state of the audit log's anchor for the page: broken as soon as anything is wrong, else
 * whether the newest checkpoint is there and verified (unverified: the gateway could not check
 * its signature, e.g. no key).
 */
export function anchorStatus(v: AuditVerification): AnchorStatus {
  const last = v.lastCheckpoint;
  const seq = last ? String(last.seq) : '—';
  const at = last?.at ?? null;
  if (!v.intact) return { state: 'broken', seq, at };
  if (!last) return { state: 'none', seq, at };
  return { state: last.verified ? 'verified' : 'unverified', seq, at };
}
