import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CATEGORIES,
  ScoredCheck,
  isApplicable,
} from '@prodready/plugin-readiness-common';
import { EvidenceList, StatusIcon } from '../common';

function CheckRow(props: { check: ScoredCheck }) {
  const { check } = props;
  return (
    <TableRow>
      <TableCell padding="checkbox">
        <StatusIcon status={check.status} />
      </TableCell>
      <TableCell>{check.title}</TableCell>
      <TableCell align="right">
        {isApplicable(check.status) ? Math.round(check.score) : '–'}
      </TableCell>
      <TableCell>
        <Typography variant="body2">{check.summary}</Typography>
        <EvidenceList evidence={check.evidence} />
      </TableCell>
    </TableRow>
  );
}

/** Every check, grouped by category in the default category order. */
export function CheckList(props: { checks: ScoredCheck[] }) {
  const groups = CATEGORIES.map(category => ({
    category,
    checks: props.checks.filter(c => c.category === category.id),
  })).filter(g => g.checks.length > 0);
  return (
    <InfoCard title={`All checks (${props.checks.length})`}>
      <Table size="small" aria-label="All checks">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">Status</TableCell>
            <TableCell>Check</TableCell>
            <TableCell align="right">Score</TableCell>
            <TableCell>Summary and evidence</TableCell>
          </TableRow>
        </TableHead>
        {groups.map(({ category, checks }) => (
          <TableBody key={category.id}>
            <TableRow>
              <TableCell colSpan={4} component="th" scope="rowgroup">
                <Typography variant="subtitle2">{category.title}</Typography>
              </TableCell>
            </TableRow>
            {checks.map(check => (
              <CheckRow key={check.checkId} check={check} />
            ))}
          </TableBody>
        ))}
      </Table>
    </InfoCard>
  );
}
