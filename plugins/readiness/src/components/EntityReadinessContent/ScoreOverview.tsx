import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Scorecard } from '@prodready/plugin-readiness-common';
import { ReactNode } from 'react';
import {
  LEVEL_LABELS,
  LevelChip,
  THRESHOLDS_TEXT,
  absoluteTime,
  relativeTime,
  ScoreGauge,
  safeHttpUrl,
} from '../common';

function SourceLine(props: { scorecard: Scorecard }) {
  const { source } = props.scorecard;
  const href = safeHttpUrl(source.url);
  const text = source.url ?? source.location;
  if (!text) return null;
  return (
    <Typography variant="body2">
      Source: {href ? <Link to={href}>{text}</Link> : text}
      {source.entityPath ? ` (folder ${source.entityPath})` : null}
    </Typography>
  );
}

/** The score gauge, level, thresholds, audit time and source. */
export function ScoreOverview(props: {
  scorecard: Scorecard;
  action?: ReactNode;
}) {
  const { scorecard } = props;
  return (
    <InfoCard title="Readiness score">
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <ScoreGauge score={scorecard.score} width={140} />
        <Box flex={1} minWidth={200}>
          <LevelChip level={scorecard.level} />
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            {THRESHOLDS_TEXT}
          </Typography>
          {scorecard.gate ? (
            <Typography variant="body2" style={{ marginTop: 8 }}>
              Capped at {LEVEL_LABELS[scorecard.gate.cappedAt]} by failing
              critical checks: {scorecard.gate.failedCriticalChecks.join(', ')}
            </Typography>
          ) : null}
          <Typography variant="body2" style={{ marginTop: 8 }}>
            Last audit: {relativeTime(scorecard.auditedAt)}{' '}
            <time dateTime={scorecard.auditedAt}>
              ({absoluteTime(scorecard.auditedAt)})
            </time>
          </Typography>
          <SourceLine scorecard={scorecard} />
        </Box>
      </Box>
      {props.action ? <Box marginTop={2}>{props.action}</Box> : null}
    </InfoCard>
  );
}
