import { Gauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { scoreColor } from './levels';

/** The overall score as a gauge, named for screen readers. */
export function ScoreGauge(props: {
  score: number;
  width: number;
  small?: boolean;
}) {
  return (
    <Box
      width={props.width}
      role="img"
      aria-label={`Score ${props.score} out of 100`}
    >
      <Gauge
        value={props.score}
        fractional={false}
        unit=""
        {...(props.small ? { size: 'small' as const } : {})}
        getColor={({ value }) => scoreColor(value)}
      />
    </Box>
  );
}
