import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, type Info, Parser } from 'csv-parse';
import { CsvEncodingError, SpreadsheetDecoder, type SpreadsheetEncoding } from './decode.js';

/** A parsed CSV row with the 1-based line it started on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** What one upload may hold; each is enforced while the bytes arrive, not after. */
export interface CsvLimits {
  /** Bytes of the raw upload. */
  maxBytes: number;
  /** Data rows (the header is not counted). */
  maxRows: number;
  /** Cells in any one row. */
  maxColumns: number;
  /** Characters of any one row (what the parser may buffer for it). */
  maxRowChars: number;
}

export type CsvLimitName = 'bytes' | 'rows' | 'columns' | 'row_size';

/** The upload went past one of the limits; reading stopped there. */
export class CsvLimitError extends Error {
  override name = 'CsvLimitError';
  constructor(
    readonly limit: CsvLimitName,
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The file is not well-formed CSV (an unclosed quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

export { CsvEncodingError };

/** The client went away before the upload ended. */
export class CsvUploadAbortedError extends Error {
  override name = 'CsvUploadAbortedError';
  constructor() {
    super('the upload ended before the file did');
  }
}

export interface CsvRead {
  rows: CsvRow[];
  encoding: SpreadsheetEncoding;
}

/** Records handled before other requests get a turn of the event loop. */
const YIELD_EVERY = 1000;
/** Bytes parsed in one turn of the event loop (about 700 one-cell rows, a few ms). */
const SLICE = 4 * 1024;

/**
 * csv-parse's stream, emitting each record with the line it started on. The line is read from the
 * parser's live counters when the record is pushed: csv-parse's own `info`/`on_record` options
 * build two snapshot objects per record, which tripled the parse time of a row bomb.
 */
class LineParser extends Parser {
  private lastLines = 0;
  private lastEmpty = 0;

  /** The line a record (or the error) at the parser's current position started on. */
  startLine(at: Pick<Info, 'empty_lines'> = this.info): number {
    return this.lastLines + 1 + (at.empty_lines - this.lastEmpty);
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const row: CsvRow = { line: this.startLine(), cells: record as string[] };
    this.lastLines = this.info.lines;
    this.lastEmpty = this.info.empty_lines;
    return super.push(row, encoding);
  }
}

/**
 * Counts the raw bytes, failing the stream as soon as they pass the limit, and hands them on in
 * slices of SLICE bytes, one per turn of the event loop: csv-parse parses each piece it gets in
 * one go (a 64 KB socket read of one-cell rows is 11,000 records), and other requests must not
 * wait for that.
 */
class Intake extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) {
      done(bytesExceeded(this.max));
      return;
    }
    let at = 0;
    const next = () => {
      if (this.destroyed) return;
      this.push(chunk.subarray(at, at + SLICE));
      at += SLICE;
      if (at < chunk.length) setImmediate(next);
      else done();
    };
    next();
  }
}

/** The error for an upload larger than `max` bytes. */
export function bytesExceeded(max: number): CsvLimitError {
  return new CsvLimitError('bytes', 0, `the file is larger than ${max} bytes, the most one import takes`);
}

/**
 * Read a spreadsheet upload as it arrives: bytes counted, decoded (UTF-8 or GBK, see
 * SpreadsheetDecoder), parsed by csv-parse (RFC 4180: quoted fields, doubled quotes, CRLF or LF,
 * blank lines skipped) and every limit checked per chunk and per record, so an oversized or
 * row-bomb file is refused after the first bytes past the limit, never held whole. The body
 * stream is only unpiped, not destroyed, so the caller can still answer on its connection.
 * `progress.bytes` follows the raw bytes read (for the audit record).
 */
export async function readCsv(
  body: Readable,
  opts: { limits: CsvLimits; encoding?: SpreadsheetEncoding; progress?: { bytes: number } },
): Promise<CsvRead> {
  const { limits } = opts;
  const counter = new Intake(limits.maxBytes);
  const decoder = new SpreadsheetDecoder(opts.encoding);
  const parser = new LineParser({
    bom: true,
    relax_column_count: true, // a row with the wrong cell count is reported per line by validation
    relax_quotes: true, // a quote inside an unquoted cell is text, as spreadsheets write it
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: limits.maxRowChars,
  });
  const rows: CsvRow[] = [];
  let failure: unknown;
  const consume = async (records: AsyncIterable<CsvRow>) => {
    try {
      for await (const row of records) {
        if (row.cells.length > limits.maxColumns) {
          throw new CsvLimitError(
            'columns',
            row.line,
            `line ${row.line} has more than ${limits.maxColumns} cells, the most one row may have`,
          );
        }
        if (rows.length > limits.maxRows) {
          throw new CsvLimitError(
            'rows',
            row.line,
            `the file has more than ${limits.maxRows} data rows, the most one import takes`,
          );
        }
        rows.push(row);
        if (rows.length % YIELD_EVERY === 0) await nextTurn();
      }
    } catch (err) {
      failure = err; // the pipeline itself rejects with an AbortError once this stage throws
      throw err;
    }
  };

  // A client that hangs up mid-upload must not leave the import waiting for the rest.
  const forwardError = () => counter.destroy(new CsvUploadAbortedError());
  const closed = () => {
    if (!body.readableEnded) forwardError();
  };
  body.on('error', forwardError);
  body.on('close', closed);
  body.pipe(counter);
  try {
    await pipeline(counter, decoder, parser, consume);
  } catch (caught) {
    const err = failure ?? caught;
    if (err instanceof CsvError) {
      const line = parser.startLine(err as unknown as Info);
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw new CsvLimitError(
          'row_size',
          line,
          `line ${line} is longer than ${limits.maxRowChars} characters, the most one row may have`,
        );
      }
      throw new CsvSyntaxError(line, `line ${line}: ${syntaxReason(err)}`);
    }
    throw err;
  } finally {
    body.unpipe(counter);
    body.off('error', forwardError);
    body.off('close', closed);
    if (opts.progress) opts.progress.bytes = counter.bytes;
  }
  return { rows, encoding: decoder.encoding ?? 'utf-8' };
}

function syntaxReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows the closing quote of a field';
    default:
      return 'the row is not valid CSV';
  }
}
