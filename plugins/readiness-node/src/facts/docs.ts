import { RepoView, TextFile } from './RepoView';

/** A heading and the text under it (down to the next heading of its level or above). @public */
export interface DocSection {
  path: string;
  line: number;
  level: number;
  title: string;
  body: string;
  words: number;
}

/** DOCS of CHECKS.md: READMEs, root Markdown, docs/ trees. @public */
export const DOC_PATTERNS = [
  'README*',
  '*.md',
  'docs/**/*.{md,mdx,rst,adoc}',
  'doc/**/*.{md,mdx,rst,adoc}',
];

const RST_UNDERLINE = /^([=\-~^"'`#*+:.])\1{2,}\s*$/;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'_-]*/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/** Counts words: runs of letters or digits. @public */
export function countWords(text: string): number {
  if (NON_ASCII.test(text)) return text.match(WORD)?.length ?? 0;
  // ASCII text (nearly all): the letters and digits are [A-Za-z0-9], counted
  // by a scan as WORD would match them, without a string per word.
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (inWord) inWord = alnum || c === 39 || c === 95 || c === 45; // ' _ -
    else if (alnum) {
      words++;
      inWord = true;
    }
  }
  return words;
}

interface Heading {
  line: number; // 0-based index of the heading line
  level: number;
  title: string;
  bodyStart: number;
}

function headingsOf(path: string, lines: string[]): Heading[] {
  const out: Heading[] = [];
  const isAdoc = /\.(adoc|asciidoc)$/i.test(path);
  const isRst = /\.rst$/i.test(path);
  const rstLevels: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) {
      fence = fence === fenceMatch[1] ? undefined : fence ?? fenceMatch[1];
      continue;
    }
    if (fence) continue;
    let m = isAdoc ? /^(={1,6})\s+(.+?)\s*$/.exec(line) : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) {
      out.push({ line: i, level: m[1].length, title: m[2], bodyStart: i + 1 });
      continue;
    }
    const next = lines[i + 1];
    if (next === undefined || !line.trim()) continue;
    if (!isRst && !isAdoc && /^(=+|-+)\s*$/.test(next) && !/^\s*[-*+>|]/.test(line)) {
      out.push({ line: i, level: next.startsWith('=') ? 1 : 2, title: line.trim(), bodyStart: i + 2 });
      i++;
      continue;
    }
    m = isRst ? RST_UNDERLINE.exec(next) : null;
    if (m && next.trim().length >= line.trim().length) {
      let idx = rstLevels.indexOf(m[1]);
      if (idx < 0) idx = rstLevels.push(m[1]) - 1;
      out.push({ line: i, level: idx + 1, title: line.trim(), bodyStart: i + 2 });
      i++;
    }
  }
  return out;
}

/** Splits a document into its sections. @public */
export function parseSections(file: TextFile): DocSection[] {
  const lines = file.text.split(/\r?\n/);
  const headings = headingsOf(file.path, lines);
  if (!headings.length) return [];
  // Words never span a line break: a section's count is the sum over its lines,
  // each counted once (sections nest, so a line is in several).
  const wordsBefore = [0];
  for (const line of lines) wordsBefore.push(wordsBefore[wordsBefore.length - 1] + countWords(line));
  return headings.map((h, index) => {
    let end = lines.length;
    for (const later of headings.slice(index + 1)) {
      if (later.level <= h.level) {
        end = later.line;
        break;
      }
    }
    const body = lines.slice(h.bodyStart, end).join('\n');
    return {
      path: file.path,
      line: h.line + 1,
      level: h.level,
      title: h.title.replace(/[*_`]/g, '').trim(),
      body,
      words: wordsBefore[end] - wordsBefore[Math.min(h.bodyStart, end)],
    };
  });
}

/** The documentation files of the entity (and, in a monorepo, of the repository root). @public */
export function docFiles(repo: RepoView): Promise<TextFile[]> {
  return repo.memo('docs:files', async () => {
    const paths = new Set(repo.find(DOC_PATTERNS));
    if (repo.isSubfolder) {
      for (const p of repo.find(['README*', '*.md'], { scope: 'root' })) {
        if (!p.includes('/')) paths.add(p);
      }
    }
    // CHANGELOGs and licences are documentation but never hold these sections.
    const wanted = [...paths].filter(
      p => !/(^|\/)(CHANGELOG|CHANGES|HISTORY|LICEN[SC]E|CODE_OF_CONDUCT|CONTRIBUTORS)[^/]*$/i.test(p),
    );
    return repo.readAll(wanted);
  });
}

/** Every section of every documentation file. @public */
export function docSections(repo: RepoView): Promise<DocSection[]> {
  return repo.memo('docs:sections', async () =>
    (await docFiles(repo)).flatMap(parseSections),
  );
}

/**
 * H(x) of CHECKS.md: sections whose title matches `pattern` with at least
 * `minWords` words under them, most words first.
 * @public
 */
export async function findSections(
  repo: RepoView,
  pattern: RegExp,
  minWords = 40,
): Promise<DocSection[]> {
  return (await docSections(repo))
    .filter(s => pattern.test(s.title) && s.words >= minWords)
    .sort((a, b) => b.words - a.words);
}
