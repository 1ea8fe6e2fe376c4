/** One way of writing a request path differently from its canonical form. */
export interface Spelling {
  name: string;
  /** The path (and the original query) exactly as it goes on the wire. */
  url: string;
}

const hex = (c: string, upper: boolean) => {
  const h = `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  return upper ? h.toUpperCase() : h.toLowerCase();
};
const isLetter = (c: string) => /[A-Za-z]/.test(c);
// Letters whose code has a hex letter (j-o, z): the only ones where %6a and %6A differ.
const HEX_LETTER = /[j-oJ-OzZ]/;

/**
 * Spellings of a path an attacker might send for it: percent-encoded letters (lower and upper
 * hex), encoded slashes and dots, double encoding, doubled slashes, dot segments, a trailing
 * slash, other letter case, `;` parameters, a backslash, and every character encoded. Sent raw:
 * nothing between the test and the server may normalise them (browsers and URL parsers do).
 */
export function spellings(url: string): Spelling[] {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q);
  const out: Spelling[] = [];
  const add = (name: string, p: string) => out.push({ name, url: p + query });
  const replaceAt = (i: number, s: string) => path.slice(0, i) + s + path.slice(i + 1);
  const letters = [...path].map((c, i) => [c, i] as const).filter(([c]) => isLetter(c));
  const lastSlash = path.lastIndexOf('/');

  const first = letters[0];
  if (first) {
    add(`first letter encoded (${hex(first[0], false)})`, replaceAt(first[1], hex(first[0], false)));
    add(
      `first letter double-encoded (%25${hex(first[0], false).slice(1)})`,
      replaceAt(first[1], `%25${hex(first[0], false).slice(1)}`),
    );
    const [c, i] = letters.find(([l]) => HEX_LETTER.test(l)) ?? letters[letters.length - 1]!;
    add(`letter encoded, upper-case hex (${hex(c, true)})`, replaceAt(i, hex(c, true)));
    add(`letter encoded, lower-case hex (${hex(c, false)})`, replaceAt(i, hex(c, false)));
    const iAt = path.indexOf('i');
    if (iAt >= 0) add('the first i encoded (%69)', replaceAt(iAt, '%69'));
    const tail = path.slice(lastSlash + 1);
    if (tail)
      add(
        'every letter of the last segment encoded',
        path.slice(0, lastSlash + 1) + [...tail].map((ch) => (isLetter(ch) ? hex(ch, false) : ch)).join(''),
      );
    add(
      'every character but the slashes encoded',
      [...path].map((ch) => (ch === '/' ? ch : hex(ch, true))).join(''),
    );
    const segEnd = path.indexOf('/', 1);
    const firstSeg = path.slice(1, segEnd < 0 ? undefined : segEnd);
    add('first segment upper-case', `/${firstSeg.toUpperCase()}${segEnd < 0 ? '' : path.slice(segEnd)}`);
    add('whole path upper-case', path.toUpperCase());
    add('`;` parameter in the first segment', `/${firstSeg};x=1${segEnd < 0 ? '' : path.slice(segEnd)}`);
  }
  if (lastSlash > 0) {
    add('a slash encoded (%2F)', replaceAt(lastSlash, '%2F'));
    add('a slash encoded (%2f)', replaceAt(lastSlash, '%2f'));
    add('a slash as backslash (%5C)', replaceAt(lastSlash, '%5C'));
    add('a slash as a raw backslash', replaceAt(lastSlash, '\\'));
    add('a doubled slash inside', replaceAt(lastSlash, '//'));
    add('a /./ segment inside', replaceAt(lastSlash, '/./'));
    add('a /x/../ detour inside', replaceAt(lastSlash, '/x/../'));
  }
  add('leading //', `/${path}`);
  add('leading /./', `/.${path}`);
  add('leading /%2e/', `/%2e${path}`);
  add('leading /x/../', `/x/..${path}`);
  add('leading /x/%2e%2e/', `/x/%2e%2e${path}`);
  if (path !== '/') add('trailing /', `${path}/`);
  add('`;` parameter at the end', `${path};x=1`);
  add('encoded NUL at the end', `${path}%00`);
  const seen = new Set([url]);
  return out.filter((s) => !seen.has(s.url) && seen.add(s.url));
}
