import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Scorecard } from '@prodready/plugin-readiness-common';

const TITLES = {
  incomplete: 'Incomplete audit: some checks failed to run',
  'source-unavailable': 'Source unavailable: only the catalog checks ran',
  stale: 'Stale: the source could not be read, so the repository checks show their last results',
} as const;

/** Explains why a scorecard is not complete; nothing when it is. */
export function StatusBanner(props: { scorecard: Scorecard }) {
  const { status, statusReason } = props.scorecard;
  if (status === 'complete') return null;
  return (
    <WarningPanel severity="warning" title={TITLES[status]} defaultExpanded>
      <Typography variant="body2">
        {statusReason ??
          'No reason was recorded. The score covers the checks that ran.'}
      </Typography>
    </WarningPanel>
  );
}
