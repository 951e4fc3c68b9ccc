import type { Level, Severity } from '@prodready/plugin-readiness-common';
import { bar, evidenceText, levelLabel } from './style';
import { ReportInput } from './types';

/** GitHub refuses comments and step summaries much past this many characters. */
export const MARKDOWN_LIMIT = 60_000;

const LEVEL_ICON: Record<Level, string> = {
  'production-ready': '🟢',
  'almost-ready': '🟡',
  'needs-work': '🔴',
};

const SEVERITY_ICON: Record<Severity, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
};

/**
 * Escapes text for a Markdown table cell: pipes escaped (GitHub honours `\|`
 * even inside code spans), line breaks joined, and `<`, `>` made entities
 * outside code spans (inside them entities would show literally).
 */
export function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/\|/g, '\\|')
        : part
            .replace(/\\/g, '\\\\')
            .replace(/\|/g, '\\|')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;'),
    )
    .join('')
    .trim();
}

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/**
 * A report for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the level
 * and score, the category table, the gaps worst first, and the rest folded.
 */
export function formatMarkdown(input: ReportInput): string {
  const card = input.scorecard;
  const title = card.entity.title ?? card.entity.name;
  const head: string[] = [];
  head.push(
    `## ${LEVEL_ICON[card.level]} Readiness of ${cell(title)}: ${
      card.score
    }/100, ${levelLabel(card.level)}`,
    '',
    `${code(card.entityRef)} · folder ${code(
      card.source.entityPath || '.',
    )} · ${
      input.entityFile
        ? `entity from ${code(input.entityFile)}`
        : 'no catalog-info.yaml'
    } · ${card.checks.length} checks · ${card.gaps.length} gaps (${
      card.gapCounts.critical
    } critical, ${card.gapCounts.high} high, ${card.gapCounts.medium} medium, ${
      card.gapCounts.low
    } low)`,
  );
  if (card.gate) {
    head.push(
      '',
      `> [!WARNING]\n> Level capped at **${levelLabel(
        card.gate.cappedAt,
      )}** by failed critical check${
        card.gate.failedCriticalChecks.length > 1 ? 's' : ''
      }: ${card.gate.failedCriticalChecks.map(code).join(', ')}`,
    );
  }
  if (card.status !== 'complete') {
    head.push(
      '',
      `> [!NOTE]\n> Scorecard ${card.status}${
        card.statusReason ? `: ${cell(card.statusReason)}` : ''
      }`,
    );
  }

  const cats = card.categories.filter(c => c.total > 0);
  if (cats.length > 0) {
    head.push(
      '',
      '| Category | Score | | Passed |',
      '| --- | ---: | --- | ---: |',
    );
    for (const c of cats) {
      if (c.score === null) {
        head.push(`| ${c.title} | – | not applicable | 0/0 |`);
      } else {
        const [full, empty] = bar(c.score, 10);
        head.push(
          `| ${c.title} | ${Math.round(c.score)} | \`${full}${empty}\` | ${
            c.passed
          }/${c.applicable} |`,
        );
      }
    }
  }

  const gapRows = card.gaps.map(
    gap =>
      `| ${SEVERITY_ICON[gap.severity]} ${gap.severity} | **${cell(
        gap.title,
      )}**<br>${code(gap.checkId)} · ${gap.category} · score ${
        gap.score
      } | ${cell(gap.description)} | ${cell(gap.recommendation)} (effort ${
        gap.effort
      }) | ${
        gap.evidence
          .slice(0, 3)
          .map(e => code(evidenceText(e)))
          .join('<br>') || '–'
      } |`,
  );
  const tail: string[] = [];
  const passed = card.checks.filter(c => c.status === 'pass');
  if (passed.length > 0) {
    tail.push('', `<details><summary>Passed (${passed.length})</summary>`, '');
    for (const c of passed)
      tail.push(`- ${code(c.checkId)} ${cell(c.title)}: ${cell(c.summary)}`);
    tail.push('', '</details>');
  }
  const na = card.checks.filter(c => c.status === 'not-applicable');
  if (na.length > 0) {
    tail.push(
      '',
      `<details><summary>Not applicable (${na.length})</summary>`,
      '',
    );
    for (const c of na) tail.push(`- ${code(c.checkId)}: ${cell(c.summary)}`);
    tail.push('', '</details>');
  }
  const errored = card.checks.filter(c => c.status === 'error');
  if (errored.length > 0) {
    tail.push(
      '',
      `<details open><summary>Errored, left out of the score (${errored.length})</summary>`,
      '',
    );
    for (const c of errored)
      tail.push(`- ${code(c.checkId)}: ${cell(c.summary)}`);
    tail.push('', '</details>');
  }
  if (input.notes.length > 0) {
    tail.push('', '<details><summary>Notes</summary>', '');
    for (const n of input.notes) tail.push(`- ${cell(n)}`);
    tail.push('', '</details>');
  }
  tail.push(
    '',
    `<sub>readiness ${input.toolVersion} · ${card.auditedAt}</sub>`,
  );

  const render = (rows: string[], omitted: number) => {
    const gaps: string[] = [];
    if (card.gaps.length > 0) {
      gaps.push(
        '',
        `### Gaps, worst first (${card.gaps.length})`,
        '',
        '| Severity | Check | Finding | Recommendation | Evidence |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
      );
      if (omitted > 0)
        gaps.push(
          '',
          `_${omitted} more gaps left out to fit; run \`readiness audit\` for all of them._`,
        );
    } else if (passed.length > 0) {
      gaps.push('', 'No gaps: every applicable check passed.');
    }
    return [...head, ...gaps, ...tail].join('\n');
  };
  let rows = gapRows;
  let text = render(rows, 0);
  while (text.length > MARKDOWN_LIMIT && rows.length > 0) {
    rows = rows.slice(0, Math.floor(rows.length * 0.8));
    text = render(rows, gapRows.length - rows.length);
  }
  return text;
}
