import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvCell, decodeSpreadsheet, parseCsv } from '../src/transfer/csv.js';
import { checkRtspUrl } from '../src/transfer/validate.js';

describe('CSV parsing', () => {
  it('reads quoted fields, doubled quotes, CRLF and embedded newlines with the right line numbers', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n3,4\n');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2/);
  });

  it('detects UTF-8 (with or without BOM) and GBK', () => {
    expect(decodeSpreadsheet(Buffer.from('\uFEFF名称', 'utf-8'))).toEqual({
      text: '名称',
      encoding: 'utf-8',
    });
    expect(decodeSpreadsheet(Buffer.from('名称', 'utf-8'))).toEqual({ text: '名称', encoding: 'utf-8' });
    expect(decodeSpreadsheet(iconv.encode('南湖广场', 'gbk'))).toEqual({ text: '南湖广场', encoding: 'gbk' });
    expect(decodeSpreadsheet(iconv.encode('南湖', 'gbk'), 'gbk').text).toBe('南湖');
  });

  it('quotes output cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
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
