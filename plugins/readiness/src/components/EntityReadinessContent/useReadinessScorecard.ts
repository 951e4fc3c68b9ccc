import { useApi } from '@backstage/core-plugin-api';
import { Scorecard } from '@prodready/plugin-readiness-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readinessApiRef } from '../../api';

/**
 * Loads an entity's scorecard and history, and runs an on-demand audit that
 * replaces the scorecard and reloads the history without a page reload.
 */
export function useReadinessScorecard(entityRef: string, historyLimit = 90) {
  const api = useApi(readinessApiRef);
  const loaded = useAsync(() => api.getScorecard(entityRef), [api, entityRef]);
  const history = useAsyncRetry(
    () => api.getHistory(entityRef, { limit: historyLimit }),
    [api, entityRef, historyLimit],
  );
  const [audited, setAudited] = useState<Scorecard>();
  useEffect(() => setAudited(undefined), [entityRef]);

  const { retry: reloadHistory } = history;
  const [audit, runAudit] = useAsyncFn(async () => {
    const scorecard = await api.runAudit(entityRef);
    setAudited(scorecard);
    reloadHistory();
    return scorecard;
  }, [api, entityRef, reloadHistory]);

  return {
    loading: loaded.loading && !audited,
    error: audited ? undefined : loaded.error,
    scorecard: audited ?? loaded.value,
    history,
    auditing: audit.loading,
    auditError: audit.error,
    runAudit,
  };
}
