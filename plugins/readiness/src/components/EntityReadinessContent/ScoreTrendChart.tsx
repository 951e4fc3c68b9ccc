import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  DEFAULT_THRESHOLDS,
  HistoryPoint,
} from '@prodready/plugin-readiness-common';
import { useMemo } from 'react';
import { absoluteTime } from '../common';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { left: 28, right: 8, top: 8, bottom: 8 };

/** Plots score (0-100) over time; x by timestamp, or by index when equal. */
export function chartPoints(history: HistoryPoint[]) {
  const times = history.map(p => new Date(p.auditedAt).getTime());
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  return history.map((p, i) => {
    let fraction = 0.5;
    if (history.length > 1) {
      fraction =
        span > 0 ? (times[i] - first) / span : i / (history.length - 1);
    }
    const score = Math.max(0, Math.min(100, p.score));
    return {
      x: PAD.left + fraction * innerW,
      y: PAD.top + (1 - score / 100) * innerH,
      point: p,
    };
  });
}

const yOf = (score: number) =>
  PAD.top + (1 - score / 100) * (HEIGHT - PAD.top - PAD.bottom);

/** The score history as an inline SVG line and area, no chart library. */
export function ScoreTrendChart(props: { history: HistoryPoint[] }) {
  const theme = useTheme();
  const points = useMemo(() => chartPoints(props.history), [props.history]);
  const { history } = props;
  if (history.length === 0) {
    return (
      <InfoCard title="Score trend">
        <Typography variant="body2">No history yet.</Typography>
      </InfoCard>
    );
  }
  const first = history[0];
  const last = history[history.length - 1];
  const description =
    history.length === 1
      ? `One audit: score ${last.score} on ${absoluteTime(last.auditedAt)}.`
      : `${history.length} audits, score from ${first.score} on ${absoluteTime(
          first.auditedAt,
        )} to ${last.score} on ${absoluteTime(last.auditedAt)}.`;
  const line = points.map(p => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const baseY = yOf(0);
  const area = `${points[0].x.toFixed(1)},${baseY} ${line} ${points[
    points.length - 1
  ].x.toFixed(1)},${baseY}`;
  const color = theme.palette.primary.main;
  return (
    <InfoCard title="Score trend">
      <svg
        role="img"
        aria-labelledby="readiness-trend-title readiness-trend-desc"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ maxHeight: 220, display: 'block' }}
      >
        <title id="readiness-trend-title">Readiness score trend</title>
        <desc id="readiness-trend-desc">{description}</desc>
        {[
          0,
          DEFAULT_THRESHOLDS.almostReady,
          DEFAULT_THRESHOLDS.productionReady,
          100,
        ].map(t => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={yOf(t)}
              y2={yOf(t)}
              stroke={theme.palette.divider}
              strokeDasharray={t === 0 || t === 100 ? undefined : '4 4'}
            />
            <text
              x={PAD.left - 4}
              y={yOf(t) + 4}
              textAnchor="end"
              fontSize={10}
              fill={theme.palette.text.secondary}
            >
              {t}
            </text>
          </g>
        ))}
        {points.length > 1 ? (
          <>
            <polygon points={area} fill={color} fillOpacity={0.15} />
            <polyline
              points={line}
              fill="none"
              stroke={color}
              strokeWidth={2}
            />
          </>
        ) : null}
        {points.map(p => (
          <circle key={p.point.auditedAt} cx={p.x} cy={p.y} r={3} fill={color}>
            <title>{`${p.point.score} on ${absoluteTime(
              p.point.auditedAt,
            )}`}</title>
          </circle>
        ))}
      </svg>
      <Typography variant="caption" color="textSecondary">
        {description}
      </Typography>
    </InfoCard>
  );
}
