import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { LEVELS, ReadinessSummary } from '@prodready/plugin-readiness-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { LevelChip, absoluteTime, formatScore, relativeTime } from '../common';

function Stat(props: { label: string; children: ReactNode }) {
  return (
    <Box minWidth={140}>
      <Typography variant="overline" color="textSecondary" component="h3">
        {props.label}
      </Typography>
      <Box>{props.children}</Box>
    </Box>
  );
}

/** The three categories with the lowest mean score. */
export function weakestCategories(summary: ReadinessSummary, count = 3) {
  return summary.categories
    .filter(c => c.meanScore !== null)
    .sort((a, b) => (a.meanScore as number) - (b.meanScore as number))
    .slice(0, count);
}

/** The organisation at a glance: counts by level, mean, weakest categories. */
export function SummaryStrip() {
  const api = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(() => api.getSummary(), [api]);
  if (loading) return <Progress />;
  if (error) {
    return (
      <ResponseErrorPanel title="Could not load the summary" error={error} />
    );
  }
  if (!value) return null;
  return (
    <Paper component="section" aria-label="Organisation summary">
      <Box display="flex" flexWrap="wrap" padding={2} style={{ gap: 24 }}>
        <Stat label="Audited entities">
          <Typography variant="h5">{value.entities}</Typography>
        </Stat>
        <Stat label="Mean score">
          <Typography variant="h5">{formatScore(value.meanScore)}</Typography>
        </Stat>
        <Stat label="By level">
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {LEVELS.map(level => (
              <Box
                key={level}
                display="flex"
                alignItems="center"
                style={{ gap: 4 }}
              >
                <LevelChip level={level} size="small" />
                <Typography variant="body1">
                  {value.levels[level] ?? 0}
                </Typography>
              </Box>
            ))}
          </Box>
        </Stat>
        <Stat label="Weakest categories">
          <Typography variant="body1">
            {weakestCategories(value)
              .map(c => `${c.title} ${formatScore(c.meanScore)}`)
              .join(' · ') || 'None'}
          </Typography>
        </Stat>
        {value.lastRun ? (
          <Stat label="Last audit run">
            <Typography
              variant="body1"
              title={absoluteTime(value.lastRun.finishedAt)}
            >
              {relativeTime(value.lastRun.finishedAt)}
              {value.lastRun.failed ? ` · ${value.lastRun.failed} failed` : ''}
            </Typography>
          </Stat>
        ) : null}
      </Box>
    </Paper>
  );
}
