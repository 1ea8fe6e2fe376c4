import type { FastifyReply } from 'fastify';

/** Quote a value for CSV output when it needs it; neutralise spreadsheet formulas. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A CSV document for spreadsheets: a UTF-8 BOM (so Excel reads the Chinese), CRLF line ends,
 * every cell through `csvCell`. The first row is the header.
 */
export function csvDocument(rows: Iterable<readonly unknown[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The rows of a header and records, one column per key, in the header's order. */
export function csvTable<K extends string>(
  cols: readonly K[],
  records: Iterable<Record<K, unknown>>,
): Array<readonly unknown[]> {
  const rows: Array<readonly unknown[]> = [cols];
  for (const r of records) rows.push(cols.map((c) => r[c]));
  return rows;
}

/** Send a CSV document as a download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
