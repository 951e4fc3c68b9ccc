import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import { usePermission } from '@backstage/plugin-permission-react';
import { readinessAuditRunPermission } from '@prodready/plugin-readiness-common';

/**
 * "Re-audit now", shown only to users allowed `readiness.audit.run`.
 * The permission is a basic one, so no resource ref is sent with it.
 */
export function ReauditButton(props: {
  running: boolean;
  onAudit: () => void;
}) {
  const { allowed } = usePermission({
    permission: readinessAuditRunPermission,
  });
  if (!allowed) return null;
  return (
    <Button
      variant="contained"
      color="primary"
      onClick={props.onAudit}
      disabled={props.running}
      aria-busy={props.running}
      startIcon={
        props.running ? (
          <CircularProgress size={16} color="inherit" aria-hidden />
        ) : (
          <RefreshIcon />
        )
      }
    >
      {props.running ? 'Auditing…' : 'Re-audit now'}
    </Button>
  );
}
