import type { StatsGroup, StatsRow } from '@onpatrol/contracts';
import type { Database } from '../db/database.js';

/** Results counted for assessment (考核): what video and alarms led to. */
export type ResultRow = StatsRow;

export type { StatsGroup };

const OUTCOME_SUMS = `
  count(*) FILTER (WHERE i.outcome = 'clue_found')::int AS clues,
  count(*) FILTER (WHERE i.outcome = 'case_solved')::int AS "casesSolved",
  count(*) FILTER (WHERE i.outcome = 'old_case_solved')::int AS "oldCasesSolved",
  coalesce(sum(i.suspects_caught), 0)::int AS "suspectsCaught",
  count(*) FILTER (WHERE i.outcome = 'false_report')::int AS "falseReports",
  count(*)::int AS incidents`;

/** Outcome counts per station, officer or camera, optionally within one station and a time range. */
export async function results(
  db: Database,
  group: StatsGroup,
  scope: { stationId: string | null },
  range: { from?: string; to?: string },
): Promise<ResultRow[]> {
  const params: unknown[] = [];
  const incWhere: string[] = ["i.status = 'resolved'"];
  const alarmWhere: string[] = ["a.status IN ('acknowledged', 'dismissed', 'escalated')"];
  if (scope.stationId) {
    params.push(scope.stationId);
    incWhere.push(`i.station_id = $${params.length}`);
    alarmWhere.push(`a.station_id = $${params.length}`);
  }
  if (range.from) {
    params.push(range.from);
    incWhere.push(`i.created_at >= $${params.length}`);
    alarmWhere.push(`a.raised_at >= $${params.length}`);
  }
  if (range.to) {
    params.push(range.to);
    incWhere.push(`i.created_at < $${params.length}`);
    alarmWhere.push(`a.raised_at < $${params.length}`);
  }
  const key = { station: 'i.station_id', officer: 'i.reported_by', camera: 'i.camera_id' }[group];
  const alarmKey = { station: 'a.station_id', officer: 'a.ack_by', camera: 'a.camera_ids->>0' }[group];
  const label = {
    station: '(SELECT name FROM stations WHERE id = k.key)',
    officer: '(SELECT display_name FROM users WHERE username = k.key)',
    camera: '(SELECT name FROM cameras WHERE id = k.key)',
  }[group];
  const rows = await db.query<ResultRow>(
    `WITH inc AS (SELECT ${key} AS key, ${OUTCOME_SUMS} FROM incidents i WHERE ${incWhere.join(' AND ')} GROUP BY 1),
          alm AS (SELECT ${alarmKey} AS key, count(*)::int AS handled,
                    count(*) FILTER (WHERE a.status = 'dismissed')::int AS false_alarms
                  FROM alarms a WHERE ${alarmWhere.join(' AND ')} GROUP BY 1),
          k AS (SELECT key FROM inc UNION SELECT key FROM alm)
     SELECT k.key, coalesce(${label}, k.key) AS label,
       coalesce(inc.clues, 0) AS clues, coalesce(inc."casesSolved", 0) AS "casesSolved",
       coalesce(inc."oldCasesSolved", 0) AS "oldCasesSolved", coalesce(inc."suspectsCaught", 0) AS "suspectsCaught",
       coalesce(inc."falseReports", 0) AS "falseReports", coalesce(alm.handled, 0) AS "alarmsHandled",
       coalesce(alm.false_alarms, 0) AS "alarmsFalse", coalesce(inc.incidents, 0) AS incidents
     FROM k LEFT JOIN inc ON inc.key = k.key LEFT JOIN alm ON alm.key = k.key
     WHERE k.key IS NOT NULL ORDER BY 1`,
    params,
  );
  return rows;
}
