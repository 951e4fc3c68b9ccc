import { EntityLeaderboardRow, GroupLeaderboardRow } from '@prodready/plugin-readiness-common';

// Spreadsheets run cells that start with these as formulas.
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(values: unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}

/** The CSV header for entity or group rows. */
export function csvHeader(groupBy: 'entity' | 'owner' | 'system'): string {
  return groupBy === 'entity'
    ? line(['rank', 'entity_ref', 'title', 'owner', 'system', 'lifecycle', 'score', 'level', 'status', 'critical_gaps', 'high_gaps', 'medium_gaps', 'low_gaps', 'audited_at'])
    : line(['rank', groupBy, 'entities', 'mean_score', 'min_score', 'production_ready', 'almost_ready', 'needs_work', 'critical_gaps']);
}

/** One CSV line of a leaderboard row. */
export function csvRow(row: EntityLeaderboardRow | GroupLeaderboardRow): string {
  if ('entityRef' in row) {
    return line([
      row.rank, row.entityRef, row.title, row.owner, row.system, row.lifecycle, row.score, row.level, row.status,
      row.gapCounts.critical, row.gapCounts.high, row.gapCounts.medium, row.gapCounts.low, row.auditedAt,
    ]);
  }
  return line([
    row.rank, row.group, row.entities, row.meanScore, row.minScore, row.levels['production-ready'],
    row.levels['almost-ready'], row.levels['needs-work'], row.criticalGaps,
  ]);
}
