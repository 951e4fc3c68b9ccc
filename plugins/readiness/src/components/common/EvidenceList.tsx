import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Evidence } from '@prodready/plugin-readiness-common';
import { safeHttpUrl } from './format';

function label(evidence: Evidence) {
  return evidence.line ? `${evidence.path}:${evidence.line}` : evidence.path;
}

/**
 * Evidence as text: a link when the URL is http(s), otherwise `path:line`.
 * Everything from the repository is rendered as text nodes only.
 */
export function EvidenceList(props: { evidence: Evidence[] }) {
  if (props.evidence.length === 0) return null;
  return (
    <Typography
      component="ul"
      variant="body2"
      style={{ margin: 0, paddingLeft: 20 }}
    >
      {props.evidence.map((e, i) => {
        const href = safeHttpUrl(e.url);
        return (
          <li key={`${e.path}:${e.line ?? ''}:${i}`}>
            {href ? <Link to={href}>{label(e)}</Link> : <code>{label(e)}</code>}
            {e.note ? ` (${e.note})` : null}
          </li>
        );
      })}
    </Typography>
  );
}
