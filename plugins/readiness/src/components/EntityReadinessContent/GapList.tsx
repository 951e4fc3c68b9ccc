import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  Gap,
  SEVERITIES,
} from '@prodready/plugin-readiness-common';
import { EFFORT_LABELS, EvidenceList, SeverityChip } from '../common';

/** Gaps by severity, then weight, then lowest score. */
export function sortGaps(gaps: Gap[]): Gap[] {
  return [...gaps].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      b.weight - a.weight ||
      a.score - b.score,
  );
}

export const categoryTitle = (id: string) =>
  CATEGORIES.find(c => c.id === id)?.title ?? id;

function GapItem(props: { gap: Gap }) {
  const { gap } = props;
  return (
    <Box
      component="li"
      paddingY={1.5}
      borderBottom="1px solid rgba(0,0,0,0.12)"
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <SeverityChip severity={gap.severity} />
        <Typography variant="subtitle1" component="h3">
          {gap.title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {categoryTitle(gap.category)} · score {Math.round(gap.score)}
        </Typography>
        <Tooltip title={EFFORT_LABELS[gap.effort]}>
          <Chip size="small" label={`Effort ${gap.effort}`} />
        </Tooltip>
      </Box>
      <Typography variant="body2">{gap.description}</Typography>
      {gap.impact ? (
        <Typography variant="body2" color="textSecondary">
          Impact: {gap.impact}
        </Typography>
      ) : null}
      <Typography variant="body2">
        <strong>Recommendation:</strong> {gap.recommendation}
      </Typography>
      <EvidenceList evidence={gap.evidence} />
    </Box>
  );
}

/** What falls short and what to do about it, most severe first. */
export function GapList(props: { gaps: Gap[]; title?: string }) {
  return (
    <InfoCard title={props.title ?? `Gaps (${props.gaps.length})`}>
      {props.gaps.length === 0 ? (
        <Typography variant="body2">
          No gaps: every applicable check passes.
        </Typography>
      ) : (
        <Box
          component="ul"
          aria-label="Gaps"
          margin={0}
          padding={0}
          style={{ listStyle: 'none' }}
        >
          {sortGaps(props.gaps).map(gap => (
            <GapItem key={gap.checkId} gap={gap} />
          ))}
        </Box>
      )}
    </InfoCard>
  );
}
