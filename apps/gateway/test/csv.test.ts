import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../src/transfer/csv.js';
import {
  CsvEncodingError,
  CsvLimitError,
  type CsvLimits,
  CsvSyntaxError,
  CsvUploadAbortedError,
  readCsv,
} from '../src/transfer/csvReader.js';
import type { SpreadsheetEncoding } from '../src/transfer/decode.js';
import { checkRtspUrl } from '../src/transfer/validate.js';

const LIMITS: CsvLimits = { maxBytes: 1 << 20, maxRows: 100, maxColumns: 16, maxRowChars: 1024 };
const BIG: CsvLimits = { ...LIMITS, maxRows: 10_000 };

/** Read text or bytes, given as one chunk or as the chunks listed (to cut characters in two). */
const read = (input: string | Buffer | Buffer[], encoding?: SpreadsheetEncoding, limits = BIG) =>
  readCsv(Readable.from(Array.isArray(input) ? input : [Buffer.from(input)]), { limits, encoding });

/** Cut a buffer into pieces of `size` bytes. */
const pieces = (b: Buffer, size: number) =>
  Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size));

/** An endless upload: `row` repeated forever, counting how many bytes were pulled from it. */
function endless(row: string, header = 'id\n') {
  const pulled = { bytes: 0 };
  const chunk = Buffer.from(row.repeat(Math.ceil(16384 / row.length)));
  const stream = Readable.from(
    (function* () {
      pulled.bytes += header.length;
      yield Buffer.from(header);
      for (;;) {
        pulled.bytes += chunk.length;
        yield chunk;
      }
    })(),
  );
  return { stream, pulled };
}

describe('CSV parsing', () => {
  it('reads quoted fields, doubled quotes, CRLF and embedded newlines with the right line numbers', async () => {
    const { rows } = await read('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n3,4\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  it('gives the same rows when the bytes arrive one at a time', async () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n3,4\n';
    const whole = await read(text);
    expect(await read(pieces(Buffer.from(text), 1))).toEqual(whole);
  });

  it('reports an unclosed quote with its line', async () => {
    const err = await read('a\n"open\n').catch((e) => e);
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/line 2/);
  });

  it('detects UTF-8 (with or without BOM) and GBK', async () => {
    expect(await read(Buffer.from('\uFEFF名称', 'utf-8'))).toEqual({
      rows: [{ line: 1, cells: ['名称'] }],
      encoding: 'utf-8',
    });
    expect(await read(Buffer.from('名称', 'utf-8'))).toEqual({
      rows: [{ line: 1, cells: ['名称'] }],
      encoding: 'utf-8',
    });
    expect(await read(iconv.encode('南湖广场', 'gbk'))).toEqual({
      rows: [{ line: 1, cells: ['南湖广场'] }],
      encoding: 'gbk',
    });
    expect((await read(iconv.encode('南湖', 'gbk'), 'gbk')).rows[0]!.cells).toEqual(['南湖']);
    expect((await read('id\n1\n')).encoding).toBe('utf-8');
  });

  it('decodes characters cut in two by the chunks, and decides GBK after a long ASCII start', async () => {
    const gbk = iconv.encode(`id,名称\n${'1,南湖广场东门\n'.repeat(2000)}`, 'gbk');
    const gbkRead = await read(pieces(gbk, 7));
    expect(gbkRead.encoding).toBe('gbk');
    expect(gbkRead.rows).toHaveLength(2001);
    expect(gbkRead.rows.at(-1)).toEqual({ line: 2001, cells: ['1', '南湖广场东门'] });

    const utf8 = Buffer.from(`\uFEFFid,名称\n${'1,南湖广场东门\n'.repeat(2000)}`);
    const utf8Read = await read(pieces(utf8, 5));
    expect(utf8Read.encoding).toBe('utf-8');
    expect(utf8Read.rows[0]).toEqual({ line: 1, cells: ['id', '名称'] });
    expect(utf8Read.rows.at(-1)!.cells).toEqual(['1', '南湖广场东门']);

    // 20 KB of ASCII before the first Chinese character: ASCII is the same in both encodings.
    const late = iconv.encode(`id,name\n${'1,gate\n'.repeat(3000)}2,南门\n`, 'gbk');
    const lateRead = await read(pieces(late, 4096));
    expect(lateRead.encoding).toBe('gbk');
    expect(lateRead.rows.at(-1)!.cells).toEqual(['2', '南门']);
  });

  it('refuses a file that starts as UTF-8 and turns into something else, naming the line', async () => {
    const utf8Head = Buffer.from(`id,名称\n${'1,南湖广场\n'.repeat(500)}`);
    const err = await read([utf8Head, iconv.encode('2,北门\n', 'gbk')]).catch((e) => e);
    expect(err).toBeInstanceOf(CsvEncodingError);
    expect(err.line).toBe(502);
    expect(err.message).toMatch(/encoding=gbk/);
  });

  it('quotes output cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
  });
});

// The limits hold while reading: an endless upload is refused after the bytes past the limit,
// which a reader that takes the whole body first could never do.
describe('CSV limits while reading', () => {
  const expectLimit = async (promise: Promise<unknown>, limit: string) => {
    const err = (await promise.catch((e: unknown) => e)) as CsvLimitError;
    expect(err, String(err)).toBeInstanceOf(CsvLimitError);
    expect(err.limit).toBe(limit);
    return err;
  };

  it('stops an endless row bomb at the row limit, naming the limit and the line', async () => {
    const { stream, pulled } = endless('1\n');
    const err = await expectLimit(readCsv(stream, { limits: LIMITS }), 'rows');
    expect(err.line).toBe(102);
    expect(err.message).toMatch(/more than 100 data rows/);
    expect(pulled.bytes).toBeLessThan(256 * 1024);
  });

  it('stops an endless file of blank lines and one long row at the byte and row-size limits', async () => {
    const blank = endless('\n');
    await expectLimit(readCsv(blank.stream, { limits: LIMITS }), 'bytes');
    expect(blank.pulled.bytes).toBeLessThan(LIMITS.maxBytes + 256 * 1024);
    const long = endless('x');
    const err = await expectLimit(readCsv(long.stream, { limits: LIMITS }), 'row_size');
    expect(err.line).toBe(2);
    expect(long.pulled.bytes).toBeLessThan(256 * 1024);
  });

  it('refuses a row with more cells than the column limit', async () => {
    const err = await expectLimit(read(`id\n1\n${'x,'.repeat(20)}x\n`, undefined, LIMITS), 'columns');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/more than 16 cells/);
  });

  it('gives up, rather than waiting for ever, when the client hangs up mid-upload', async () => {
    const body = new PassThrough();
    const reading = readCsv(body, { limits: LIMITS });
    body.write('id\n1\n');
    setImmediate(() => body.destroy());
    await expect(reading).rejects.toBeInstanceOf(CsvUploadAbortedError);
  });

  it('takes a file right at the limits', async () => {
    const { rows } = await read(`${'c,'.repeat(15)}c\n${'1\n'.repeat(100)}`, undefined, LIMITS);
    expect(rows).toHaveLength(101);
  });
});

describe('camera URL allow-list', () => {
  it('accepts only rtsp:// to the set recorder', () => {
    expect(checkRtspUrl('rtsp://127.0.0.1:8554/x/main', '127.0.0.1', 8554)).toBeNull();
    expect(checkRtspUrl('rtsp://10.0.0.9/x', '10.0.0.9', 554)).toBeNull();
    for (const bad of [
      'file:///etc/passwd',
      'concat:a|b',
      'http://127.0.0.1:8554/x',
      '-i /etc/passwd',
      'rtsp://evil:8554/x',
    ]) {
      expect(checkRtspUrl(bad, '127.0.0.1', 8554), bad).not.toBeNull();
    }
  });
});
