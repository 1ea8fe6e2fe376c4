/** How results are grouped: per police station, per officer, or per camera. */
export const STATS_GROUPS = ['station', 'officer', 'camera'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** The counted columns of the results (考核), in the order the table and the CSV show them. */
export const STATS_COLUMNS = [
  'incidents',
  'clues',
  'casesSolved',
  'oldCasesSolved',
  'suspectsCaught',
  'falseReports',
  'alarmsHandled',
  'alarmsFalse',
] as const;
export type StatsColumn = (typeof STATS_COLUMNS)[number];

/** One row of `GET /api/stats`: what video and alarms led to, per station, officer or camera (考核). */
export type StatsRow = { key: string; label: string } & Record<StatsColumn, number>;
