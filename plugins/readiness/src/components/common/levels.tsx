import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  DEFAULT_THRESHOLDS,
  Level,
  Severity,
} from '@prodready/plugin-readiness-common';

/** Display names of the levels. */
export const LEVEL_LABELS: Record<Level, string> = {
  'production-ready': 'Production ready',
  'almost-ready': 'Almost ready',
  'needs-work': 'Needs work',
};

/** Background colours of the levels (white text has enough contrast on each). */
export const LEVEL_COLORS: Record<Level, string> = {
  'production-ready': '#2e7d32',
  'almost-ready': '#b26a00',
  'needs-work': '#c62828',
};

/** Colour of a 0-100 score by the level thresholds. */
export function scoreColor(score: number): string {
  if (score >= DEFAULT_THRESHOLDS.productionReady) {
    return LEVEL_COLORS['production-ready'];
  }
  if (score >= DEFAULT_THRESHOLDS.almostReady) {
    return LEVEL_COLORS['almost-ready'];
  }
  return LEVEL_COLORS['needs-work'];
}

/** The level thresholds and the critical gate in one sentence. */
export const THRESHOLDS_TEXT =
  `Production ready: score ${DEFAULT_THRESHOLDS.productionReady} or more; ` +
  `almost ready: ${DEFAULT_THRESHOLDS.almostReady} to ${
    DEFAULT_THRESHOLDS.productionReady - 1
  }; needs work: below ${DEFAULT_THRESHOLDS.almostReady}. ` +
  `A critical check scoring below ${DEFAULT_THRESHOLDS.criticalGate} caps ` +
  'the level at almost ready, two or more at needs work.';

const useStyles = makeStyles({
  chip: { color: '#fff', fontWeight: 600 },
});

/** The level as a coloured chip, with the thresholds in a tooltip. */
export function LevelChip(props: { level: Level; size?: 'small' | 'medium' }) {
  const classes = useStyles();
  return (
    <Tooltip title={THRESHOLDS_TEXT}>
      <Chip
        className={classes.chip}
        style={{ backgroundColor: LEVEL_COLORS[props.level] }}
        size={props.size ?? 'medium'}
        label={LEVEL_LABELS[props.level]}
      />
    </Tooltip>
  );
}

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b71c1c',
  high: '#d84315',
  medium: '#8d6e00',
  low: '#546e7a',
};

/** A small outlined chip naming a severity. */
export function SeverityChip(props: { severity: Severity }) {
  const color = SEVERITY_COLORS[props.severity];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.severity}
      style={{ color, borderColor: color }}
    />
  );
}

export const EFFORT_LABELS = {
  S: 'Small effort (under 2 hours)',
  M: 'Medium effort (about a day)',
  L: 'Large effort (more than a day)',
} as const;
