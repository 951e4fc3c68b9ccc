import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CategoryBreakdown } from './CategoryBreakdown';
import { CheckList } from './CheckList';
import { GapList } from './GapList';
import { ReauditButton } from './ReauditButton';
import { ScoreOverview } from './ScoreOverview';
import { ScoreTrendChart } from './ScoreTrendChart';
import { StatusBanner } from './StatusBanner';
import { useReadinessScorecard } from './useReadinessScorecard';

/** Props of {@link EntityReadinessContent}. @public */
export interface EntityReadinessContentProps {
  /** How many history points the trend shows (default 90). */
  historyLimit?: number;
}

/** The Readiness tab of an entity page. @public */
export function EntityReadinessContent(props: EntityReadinessContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const state = useReadinessScorecard(entityRef, props.historyLimit);

  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;

  const reaudit = (
    <ReauditButton running={state.auditing} onAudit={state.runAudit} />
  );
  const auditError = state.auditError ? (
    <Grid item xs={12}>
      <ResponseErrorPanel title="Re-audit failed" error={state.auditError} />
    </Grid>
  ) : null;
  const { scorecard, history } = state;

  if (!scorecard) {
    return (
      <Grid container spacing={3}>
        {auditError}
        <Grid item xs={12}>
          <EmptyState
            missing="data"
            title="Not audited yet"
            description={`Readiness has no scorecard for ${entityRef}. The scheduled audit covers every entity with a source location; new entities are audited on its next run. Users allowed to run audits can audit it now.`}
            action={reaudit}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <Grid container spacing={3}>
      {auditError}
      {scorecard.status !== 'complete' ? (
        <Grid item xs={12}>
          <StatusBanner scorecard={scorecard} />
        </Grid>
      ) : null}
      <Grid item xs={12} md={5}>
        <ScoreOverview scorecard={scorecard} action={reaudit} />
      </Grid>
      <Grid item xs={12} md={7}>
        {history.error ? (
          <ResponseErrorPanel
            title="Could not load the history"
            error={history.error}
          />
        ) : (
          <ScoreTrendChart history={history.value ?? []} />
        )}
      </Grid>
      <Grid item xs={12} md={5}>
        <CategoryBreakdown categories={scorecard.categories} />
      </Grid>
      <Grid item xs={12} md={7}>
        <GapList gaps={scorecard.gaps} />
      </Grid>
      <Grid item xs={12}>
        <CheckList checks={scorecard.checks} />
        <Typography variant="caption" color="textSecondary">
          Audit took {(scorecard.durationMs / 1000).toFixed(1)} s.
        </Typography>
      </Grid>
    </Grid>
  );
}
