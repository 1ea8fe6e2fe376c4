import type { FastifyReply } from 'fastify';
import iconv from 'iconv-lite';

/** A parsed CSV row with the 1-based line it started on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decode spreadsheet bytes: a UTF-8 BOM or valid UTF-8 means UTF-8; anything else is read as
 * GBK (GB18030), which Chinese Excel writes by default. An explicit choice wins.
 */
export function decodeSpreadsheet(
  bytes: Buffer,
  forced?: 'utf-8' | 'gbk',
): { text: string; encoding: 'utf-8' | 'gbk' } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (forced === 'gbk') return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  if (forced === 'utf-8' || hasBom) {
    return { text: new TextDecoder('utf-8').decode(hasBom ? bytes.subarray(3) : bytes), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(rowLine, `line ${rowLine}: a quoted field is not closed`);
  if (cell !== '' || cells.length) endRow();
  return rows;
}

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
