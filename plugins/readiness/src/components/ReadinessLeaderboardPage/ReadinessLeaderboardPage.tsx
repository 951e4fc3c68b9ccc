import {
  Content,
  ContentHeader,
  Header,
  Page,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { LeaderboardGroupBy } from '@prodready/plugin-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { isGroupRow, readinessApiRef } from '../../api';
import { ExportCsvButton } from './ExportCsvButton';
import { LeaderboardFilters } from './LeaderboardFilters';
import { LeaderboardTable } from './LeaderboardTable';
import { SummaryStrip } from './SummaryStrip';
import { useLeaderboardQuery } from './useLeaderboardQuery';

const TABS: { groupBy: LeaderboardGroupBy; label: string }[] = [
  { groupBy: 'entity', label: 'Entities' },
  { groupBy: 'owner', label: 'Teams' },
  { groupBy: 'system', label: 'Systems' },
];

/** Props of {@link ReadinessLeaderboardPage}. @public */
export interface ReadinessLeaderboardPageProps {
  title?: string;
  subtitle?: string;
}

function useOwnerOptions() {
  const api = useApi(readinessApiRef);
  const { value } = useAsync(async () => {
    const page = await api.getLeaderboard({
      groupBy: 'owner',
      sort: 'name',
      order: 'asc',
      limit: 500,
    });
    return page.rows.flatMap(r =>
      isGroupRow(r) && r.group !== '(none)' ? [r.group] : [],
    );
  }, [api]);
  return value ?? [];
}

/** The org-wide leaderboard of entities, teams and systems. @public */
export function ReadinessLeaderboardPage(props: ReadinessLeaderboardPageProps) {
  const api = useApi(readinessApiRef);
  const { query, update } = useLeaderboardQuery();
  const owners = useOwnerOptions();
  const queryKey = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    async () => ({
      groupBy: query.groupBy,
      page: await api.getLeaderboard(query),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, queryKey],
  );

  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'Production readiness'}
        subtitle={
          props.subtitle ??
          'How ready every audited service, team and system is for production'
        }
      />
      <Content>
        <ContentHeader title="Leaderboard">
          <ExportCsvButton query={query} />
        </ContentHeader>
        <SummaryStrip />
        <Paper style={{ marginTop: 24 }}>
          <Tabs
            value={query.groupBy}
            onChange={(_e, groupBy) => update({ groupBy })}
            indicatorColor="primary"
            aria-label="Group the leaderboard by"
          >
            {TABS.map(t => (
              <Tab key={t.groupBy} value={t.groupBy} label={t.label} />
            ))}
          </Tabs>
          <div style={{ padding: '0 16px' }}>
            <LeaderboardFilters
              query={query}
              owners={owners}
              onChange={update}
            />
          </div>
          {loading ? <LinearProgress aria-label="Loading leaderboard" /> : null}
          {error ? <ResponseErrorPanel error={error} /> : null}
          {!error && value?.groupBy === query.groupBy ? (
            <LeaderboardTable
              query={query}
              rows={value.page.rows}
              total={value.page.total}
              onChange={update}
            />
          ) : null}
        </Paper>
      </Content>
    </Page>
  );
}
