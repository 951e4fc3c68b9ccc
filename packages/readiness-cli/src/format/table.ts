import {
  bar,
  evidenceText,
  levelLabel,
  levelStyle,
  scoreStyle,
  severityStyle,
  styles,
} from './style';
import { ReportInput } from './types';

/**
 * Wraps text to `width` columns. The first line starts with `indent`, the
 * others with `hang` (default: as many spaces).
 */
export function wrap(
  text: string,
  width: number,
  indent: string,
  hang: string = ' '.repeat(indent.length),
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = lines.length === 0 ? indent : hang;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && prefix.length + line.length + 1 + word.length > width) {
        lines.push(prefix + line);
        prefix = hang;
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(prefix + line);
  }
  return lines;
}

const pad = (text: string, width: number) =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);
const padStart = (text: string, width: number) =>
  text.length >= width ? text : ' '.repeat(width - text.length) + text;

/**
 * The terminal report: level and score, category bars, the gaps worst first
 * with recommendation and evidence, then what did not apply and notes.
 */
export function formatTable(input: ReportInput): string {
  const { scorecard: card, width } = input;
  const s = styles(input.color);
  const out: string[] = [];
  const title = card.entity.title ?? card.entity.name;
  const where = card.source.entityPath ? card.source.entityPath : '.';
  out.push(`${s.bold(`Readiness of ${title}`)}  ${s.gray(card.entityRef)}`);
  out.push(
    s.gray(
      `folder ${where} of ${input.root}${
        input.entityFile
          ? ` · entity from ${input.entityFile}`
          : ' · no catalog-info.yaml'
      } · ${card.checks.length} checks · ${
        card.source.fileCount ?? 0
      } files · ${card.durationMs} ms`,
    ),
  );
  out.push('');
  const level = levelStyle(s, card.level);
  out.push(
    `  Score  ${s.bold(level(`${card.score}/100`))}   ${s.bold(
      level(levelLabel(card.level).toLocaleUpperCase('en-US')),
    )}`,
  );
  if (card.gate) {
    out.push(
      `  Gate   ${s.red(
        `capped at ${card.gate.cappedAt} by failed critical check${
          card.gate.failedCriticalChecks.length > 1 ? 's' : ''
        }: ${card.gate.failedCriticalChecks.join(', ')}`,
      )}`,
    );
  }
  if (card.status !== 'complete') {
    out.push(
      `  Status ${s.yellow(card.status)}${
        card.statusReason ? `: ${card.statusReason}` : ''
      }`,
    );
  }
  const counts = card.gapCounts;
  out.push(
    `  Gaps   ${card.gaps.length} (${severityStyle(
      s,
      'critical',
    )(`${counts.critical} critical`)}, ${severityStyle(
      s,
      'high',
    )(`${counts.high} high`)}, ${severityStyle(
      s,
      'medium',
    )(`${counts.medium} medium`)}, ${severityStyle(
      s,
      'low',
    )(`${counts.low} low`)})`,
  );

  const cats = card.categories.filter(c => c.total > 0);
  if (cats.length > 0) {
    out.push('', s.bold('Categories'));
    const nameWidth = Math.max(...cats.map(c => c.title.length));
    for (const c of cats) {
      if (c.score === null) {
        out.push(
          `  ${pad(c.title, nameWidth)}  ${s.gray(
            `${'·'.repeat(20)}    -  not applicable`,
          )}`,
        );
        continue;
      }
      const [full, empty] = bar(c.score, 20);
      const color = scoreStyle(s, c.score);
      out.push(
        `  ${pad(c.title, nameWidth)}  ${color(full)}${s.gray(empty)} ${color(
          padStart(String(Math.round(c.score)), 4),
        )}  ${s.gray(`${c.passed}/${c.applicable} passed`)}`,
      );
    }
  }

  if (card.gaps.length > 0) {
    out.push('', s.bold(`Gaps, worst first (${card.gaps.length})`));
    card.gaps.forEach((gap, i) => {
      const sev = severityStyle(s, gap.severity);
      out.push(
        `  ${padStart(String(i + 1), 2)}. ${sev(
          pad(gap.severity.toLocaleUpperCase('en-US'), 8),
        )} ${s.bold(gap.title)} ${s.gray(
          `[${gap.checkId}] ${gap.category} · score ${gap.score} · effort ${gap.effort}`,
        )}`,
      );
      const indent = '               ';
      out.push(...wrap(gap.description, width, indent));
      out.push(
        ...wrap(`Fix: ${gap.recommendation}`, width, indent).map(l =>
          s.cyan(l),
        ),
      );
      if (gap.evidence.length > 0) {
        const shown = gap.evidence.slice(0, 5).map(evidenceText);
        const more =
          gap.evidence.length > 5 ? ` (+${gap.evidence.length - 5} more)` : '';
        out.push(
          ...wrap(`Evidence: ${shown.join(', ')}${more}`, width, indent).map(
            l => s.gray(l),
          ),
        );
      }
    });
  } else if (card.checks.some(c => c.status === 'pass')) {
    out.push('', s.green('No gaps: every applicable check passed.'));
  }

  const na = card.checks.filter(c => c.status === 'not-applicable');
  if (na.length > 0) {
    out.push('', s.bold(`Not applicable (${na.length})`));
    for (const c of na)
      out.push(
        ...wrap(`${c.checkId}: ${c.summary}`, width, '  ').map(l => s.gray(l)),
      );
  }
  const errored = card.checks.filter(c => c.status === 'error');
  if (errored.length > 0) {
    out.push(
      '',
      s.bold(s.red(`Errored, left out of the score (${errored.length})`)),
    );
    for (const c of errored)
      out.push(...wrap(`${c.checkId}: ${c.summary}`, width, '  '));
  }
  if (input.notes.length > 0) {
    out.push('', s.bold('Notes'));
    for (const note of input.notes)
      out.push(...wrap(`- ${note}`, width, '  ', '    '));
  }
  return out.join('\n');
}
