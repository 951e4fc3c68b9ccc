/**
 * Literal hints for regular expressions that scan file contents. Most files
 * fail most of these expressions, and an alternation or a leading class or
 * group makes the engine try every position of the text; a file that lacks
 * every text one of which each match must contain is passed over with
 * `includes`, several times faster. A hint only skips work: where it holds,
 * the expression runs as before.
 */
const hints = new WeakMap<RegExp, readonly (string | RegExp)[]>();

/**
 * Marks `re`: every match of it contains one of `parts` (a text, or for
 * case-insensitive expressions a cheaper expression). Returns `re`.
 * @internal
 */
export function hinted(re: RegExp, ...parts: (string | RegExp)[]): RegExp {
  hints.set(re, parts);
  return re;
}

/** `re.test(text)`, skipped when the hints rule a match out (`re` must not be global or sticky). @internal */
export function testHinted(re: RegExp, text: string): boolean {
  return mayMatch(re, text) && re.test(text);
}

/** `re.exec(text)`, or null without running it when the hints rule a match out. @internal */
export function execHinted(re: RegExp, text: string): RegExpExecArray | null {
  return mayMatch(re, text) ? re.exec(text) : null;
}

/** False when `text` holds none of the hints of `re`, so that `re` cannot match it. @internal */
export function mayMatch(re: RegExp, text: string): boolean {
  const parts = hints.get(re);
  if (!parts) return true;
  for (const part of parts) {
    if (typeof part === 'string' ? text.includes(part) : part.test(text)) return true;
  }
  return false;
}
