import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import WarningIcon from '@material-ui/icons/Warning';
import {
  EntityLeaderboardRow,
  GroupLeaderboardRow,
  LEVELS,
  LeaderboardSort,
  SEVERITIES,
  ScorecardStatus,
} from '@prodready/plugin-readiness-common';
import { LeaderboardRow, isGroupRow } from '../../api';
import { leaderboardSearchParams } from '../../api/query';
import {
  LEVEL_LABELS,
  LEVEL_COLORS,
  LevelChip,
  absoluteTime,
  formatScore,
  relativeTime,
} from '../common';
import { displayRef } from './LeaderboardFilters';
import { DEFAULT_ORDER, EffectiveQuery } from './useLeaderboardQuery';

const STATUS_TITLES: Record<Exclude<ScorecardStatus, 'complete'>, string> = {
  incomplete: 'Incomplete audit',
  'source-unavailable': 'Source unavailable',
  stale: 'Stale: the source could not be read this time',
};

interface Column {
  label: string;
  sort?: LeaderboardSort;
  align?: 'right';
}

const ENTITY_COLUMNS: Column[] = [
  { label: 'Rank', align: 'right' },
  { label: 'Entity', sort: 'name' },
  { label: 'Owner' },
  { label: 'System' },
  { label: 'Lifecycle' },
  { label: 'Score', sort: 'score', align: 'right' },
  { label: 'Level' },
  { label: 'Gaps', sort: 'gaps' },
  { label: 'Audited', sort: 'auditedAt' },
];

const groupColumns = (noun: string): Column[] => [
  { label: 'Rank', align: 'right' },
  { label: noun, sort: 'name' },
  { label: 'Entities', align: 'right' },
  { label: 'Mean score', sort: 'score', align: 'right' },
  { label: 'Lowest score', align: 'right' },
  { label: 'Levels' },
  { label: 'Critical gaps', sort: 'gaps', align: 'right' },
];

function RefCell(props: { entityRef?: string; kind: string; none: string }) {
  if (!props.entityRef || props.entityRef === '(none)') {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.none}
      </Typography>
    );
  }
  return (
    <EntityRefLink
      entityRef={props.entityRef}
      title={displayRef(props.entityRef, props.kind)}
    />
  );
}

function gapsText(row: EntityLeaderboardRow) {
  const parts = SEVERITIES.filter(s => row.gapCounts[s] > 0).map(
    s => `${row.gapCounts[s]} ${s}`,
  );
  return parts.length ? parts.join(' · ') : 'none';
}

function EntityRow(props: { row: EntityLeaderboardRow }) {
  const { row } = props;
  return (
    <TableRow>
      <TableCell align="right">{row.rank}</TableCell>
      <TableCell>
        <EntityRefLink
          entityRef={row.entityRef}
          title={row.title ?? row.name}
        />
        {row.status !== 'complete' ? (
          <Tooltip title={STATUS_TITLES[row.status]}>
            <WarningIcon
              fontSize="inherit"
              titleAccess={row.status}
              style={{ marginLeft: 4, color: LEVEL_COLORS['almost-ready'] }}
            />
          </Tooltip>
        ) : null}
      </TableCell>
      <TableCell>
        <RefCell entityRef={row.owner} kind="group" none="No owner" />
      </TableCell>
      <TableCell>
        <RefCell entityRef={row.system} kind="system" none="–" />
      </TableCell>
      <TableCell>{row.lifecycle ?? '–'}</TableCell>
      <TableCell align="right">{formatScore(row.score)}</TableCell>
      <TableCell>
        <LevelChip level={row.level} size="small" />
      </TableCell>
      <TableCell>{gapsText(row)}</TableCell>
      <TableCell>
        <time dateTime={row.auditedAt} title={absoluteTime(row.auditedAt)}>
          {relativeTime(row.auditedAt)}
        </time>
      </TableCell>
    </TableRow>
  );
}

function GroupRow(props: { row: GroupLeaderboardRow; query: EffectiveQuery }) {
  const { row, query } = props;
  const key = query.groupBy === 'system' ? 'system' : 'owner';
  const entitiesLink = `?${leaderboardSearchParams({
    ...query,
    groupBy: undefined,
    offset: undefined,
    sort: undefined,
    order: undefined,
    [key]: [row.group],
  })}`;
  return (
    <TableRow>
      <TableCell align="right">{row.rank}</TableCell>
      <TableCell>
        <RefCell
          entityRef={row.group}
          kind={key === 'owner' ? 'group' : 'system'}
          none={key === 'owner' ? 'No owner' : 'No system'}
        />
      </TableCell>
      <TableCell align="right">
        {row.group === '(none)' ? (
          row.entities
        ) : (
          <Link
            to={entitiesLink}
            aria-label={`${row.entities} entities of ${displayRef(row.group)}`}
          >
            {row.entities}
          </Link>
        )}
      </TableCell>
      <TableCell align="right">{formatScore(row.meanScore)}</TableCell>
      <TableCell align="right">{formatScore(row.minScore)}</TableCell>
      <TableCell>
        {LEVELS.map(
          l =>
            `${row.levels[l] ?? 0} ${LEVEL_LABELS[l].toLocaleLowerCase(
              'en-US',
            )}`,
        ).join(' · ')}
      </TableCell>
      <TableCell align="right">{row.criticalGaps}</TableCell>
    </TableRow>
  );
}

/** One page of the leaderboard with server-side sorting and paging. */
export function LeaderboardTable(props: {
  query: EffectiveQuery;
  rows: LeaderboardRow[];
  total: number;
  onChange: (patch: Partial<EffectiveQuery>, keepOffset?: boolean) => void;
}) {
  const { query, rows, total, onChange } = props;
  const noun = query.groupBy === 'owner' ? 'Team' : 'System';
  const columns =
    query.groupBy === 'entity' ? ENTITY_COLUMNS : groupColumns(noun);
  // An offset past the end (a shared link after entities left, say): the
  // pager shows the last page, and the empty table says how to get there.
  const lastPage = Math.max(0, Math.ceil(total / query.limit) - 1);
  const page = Math.min(Math.floor(query.offset / query.limit), lastPage);
  const sortBy = (sort: LeaderboardSort) => {
    const flipped = query.order === 'asc' ? 'desc' : 'asc';
    const order = query.sort === sort ? flipped : DEFAULT_ORDER[sort];
    onChange({ sort, order });
  };
  return (
    <Box>
      <Table size="small" aria-label="Readiness leaderboard">
        <TableHead>
          <TableRow>
            {columns.map(c => (
              <TableCell
                key={c.label}
                align={c.align}
                sortDirection={
                  c.sort && query.sort === c.sort ? query.order : false
                }
              >
                {c.sort ? (
                  <TableSortLabel
                    active={query.sort === c.sort}
                    direction={
                      query.sort === c.sort
                        ? query.order
                        : DEFAULT_ORDER[c.sort]
                    }
                    onClick={() => sortBy(c.sort!)}
                  >
                    {c.label}
                  </TableSortLabel>
                ) : (
                  c.label
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={columns.length}>
                {total > 0 ? (
                  <Typography variant="body2">
                    This page is past the last one ({total} in all).{' '}
                    <Button
                      size="small"
                      color="primary"
                      onClick={() =>
                        onChange({ offset: lastPage * query.limit }, true)
                      }
                    >
                      Go to the last page
                    </Button>
                  </Typography>
                ) : (
                  <Typography variant="body2">
                    No scorecards match these filters.
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ) : (
            rows.map(row =>
              isGroupRow(row) ? (
                <GroupRow key={row.group} row={row} query={query} />
              ) : (
                <EntityRow key={row.entityRef} row={row} />
              ),
            )
          )}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={total}
        page={page}
        rowsPerPage={query.limit}
        rowsPerPageOptions={[10, 25, 50, 100]}
        onPageChange={(_e, p) => onChange({ offset: p * query.limit }, true)}
        onRowsPerPageChange={e => onChange({ limit: Number(e.target.value) })}
      />
    </Box>
  );
}
