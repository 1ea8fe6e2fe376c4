import { isAscii } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/** The two encodings spreadsheets reach us in: UTF-8, or GBK (GB18030) from Chinese Excel. */
export type SpreadsheetEncoding = 'utf-8' | 'gbk';

/** The bytes are not what the chosen or detected encoding allows; `line` is where it was noticed. */
export class CsvEncodingError extends Error {
  override name = 'CsvEncodingError';
  constructor(readonly line: number) {
    super(
      `line ${line}: the file is not valid UTF-8 after this point; save it as UTF-8 or import it with encoding=gbk`,
    );
  }
}

/** Non-ASCII bytes looked at before the encoding is decided (a few rows of Chinese text). */
const SNIFF_BYTES = 4096;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Streams spreadsheet bytes out as UTF-8. A UTF-8 BOM or valid UTF-8 means UTF-8; anything else is
 * read as GBK (GB18030), which Chinese Excel writes by default; `forced` wins. ASCII is the same in
 * both, so the decision waits for the first non-ASCII byte and looks at the few kilobytes from
 * there instead of holding the whole file. A file detected as UTF-8 that turns invalid later is
 * refused (CsvEncodingError) rather than silently mangled.
 */
export class SpreadsheetDecoder extends Transform {
  /** Null until decided (a file of pure ASCII ends as 'utf-8'). */
  encoding: SpreadsheetEncoding | null = null;
  private mode: 'undecided' | 'utf8-strict' | 'utf8-lenient' | 'gbk' = 'undecided';
  private held: Buffer[] = [];
  private heldBytes = 0;
  private seen = 0;
  private lines = 1;
  private utf8: TextDecoder | null = null;
  private gbk: iconv.DecoderStream | null = null;

  constructor(forced?: SpreadsheetEncoding) {
    super();
    if (forced) this.decide(forced === 'gbk' ? 'gbk' : 'utf8-lenient');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.mode === 'undecided') this.sniff(chunk, false);
      else this.forward(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.mode === 'undecided') this.sniff(Buffer.alloc(0), true);
      if (this.utf8) this.utf8.decode(new Uint8Array(0)); // a truncated last character throws here
      const tail = this.gbk?.end();
      if (tail) this.push(tail);
      done();
    } catch (err) {
      done(err instanceof TypeError ? new CsvEncodingError(this.lines) : (err as Error));
    }
  }

  private sniff(chunk: Buffer, final: boolean): void {
    if (this.heldBytes === 0) {
      // Pass the leading ASCII through unchanged; hold from the first non-ASCII byte on.
      const high = isAscii(chunk) ? -1 : chunk.findIndex((b) => b >= 0x80);
      const ascii = high === -1 ? chunk : chunk.subarray(0, high);
      if (ascii.length) this.pass(ascii);
      chunk = high === -1 ? Buffer.alloc(0) : chunk.subarray(high);
    }
    if (chunk.length) {
      this.held.push(chunk);
      this.heldBytes += chunk.length;
    }
    if (!final && this.heldBytes < SNIFF_BYTES) return;
    const window = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    const atStart = this.seen === 0;
    if (atStart && BOM.every((b, i) => window[i] === b)) {
      this.decide('utf8-lenient');
      this.seen += 3;
      this.forward(window.subarray(3));
      return;
    }
    let valid = true;
    try {
      // Streaming mode: a character cut off at the window's end is not an error yet.
      new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !final });
    } catch {
      valid = false;
    }
    this.decide(valid ? 'utf8-strict' : 'gbk');
    this.forward(window);
  }

  private decide(mode: Exclude<SpreadsheetDecoder['mode'], 'undecided'>): void {
    this.mode = mode;
    this.encoding = mode === 'gbk' ? 'gbk' : 'utf-8';
    if (mode === 'utf8-strict') this.utf8 = new TextDecoder('utf-8', { fatal: true });
    if (mode === 'gbk') this.gbk = iconv.getDecoder('gb18030');
  }

  private forward(chunk: Buffer): void {
    if (!chunk.length) return;
    if (this.mode === 'gbk') {
      this.countLines(chunk);
      this.seen += chunk.length;
      const text = this.gbk!.write(chunk);
      if (text) this.push(text, 'utf8');
      return;
    }
    if (this.mode === 'utf8-strict') {
      try {
        this.utf8!.decode(chunk, { stream: true });
      } catch {
        throw new CsvEncodingError(this.lines);
      }
    }
    this.pass(chunk);
  }

  /** Bytes that are already UTF-8 (validated or lenient) go on as they are. */
  private pass(chunk: Buffer): void {
    this.countLines(chunk);
    this.seen += chunk.length;
    this.push(chunk);
  }

  private countLines(chunk: Buffer): void {
    let i = chunk.indexOf(0x0a);
    while (i !== -1) {
      this.lines++;
      i = chunk.indexOf(0x0a, i + 1);
    }
  }
}
