import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import CancelIcon from '@material-ui/icons/Cancel';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import Tooltip from '@material-ui/core/Tooltip';
import { CheckStatus } from '@prodready/plugin-readiness-common';

export const STATUS_LABELS: Record<CheckStatus, string> = {
  pass: 'Pass',
  partial: 'Partial',
  fail: 'Fail',
  'not-applicable': 'Not applicable',
  error: 'Error',
};

const ICONS = {
  pass: { Icon: CheckCircleIcon, color: '#2e7d32' },
  partial: { Icon: WarningIcon, color: '#b26a00' },
  fail: { Icon: CancelIcon, color: '#c62828' },
  'not-applicable': { Icon: RemoveCircleOutlineIcon, color: '#9e9e9e' },
  error: { Icon: ErrorIcon, color: '#6a1b9a' },
} as const;

/** The status of a check as an icon with an accessible name. */
export function StatusIcon(props: { status: CheckStatus }) {
  const { Icon, color } = ICONS[props.status];
  const label = STATUS_LABELS[props.status];
  return (
    <Tooltip title={label}>
      <Icon
        titleAccess={label}
        fontSize="small"
        style={{ color, verticalAlign: 'middle' }}
      />
    </Tooltip>
  );
}
