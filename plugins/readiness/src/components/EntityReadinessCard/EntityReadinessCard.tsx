import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../../api';
import { LevelChip, ScoreGauge, SeverityChip } from '../common';
import { sortGaps } from '../EntityReadinessContent/GapList';

/** Props of {@link EntityReadinessCard}. @public */
export interface EntityReadinessCardProps {
  /** Path of the Readiness tab under the entity page (default `readiness`). */
  tabPath?: string;
  /** How many gaps to list (default 3). */
  maxGaps?: number;
}

/** An overview card: score, level, top gaps and a link to the tab. @public */
export function EntityReadinessCard(props: EntityReadinessCardProps) {
  const { tabPath = 'readiness', maxGaps = 3 } = props;
  const { entity } = useEntity();
  const api = useApi(readinessApiRef);
  const entityLink = useRouteRef(entityRouteRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getScorecard(entityRef),
    [api, entityRef],
  );
  const tabLink = `${entityLink(
    entityRouteParams(entity, { encodeParams: true }),
  )}/${tabPath.replace(/^\/+/, '')}`;
  const deepLink = { title: 'View readiness details', link: tabLink };

  if (loading) {
    return (
      <InfoCard title="Readiness">
        <Progress />
      </InfoCard>
    );
  }
  if (error) return <ResponseErrorPanel error={error} title="Readiness" />;
  if (!value) {
    return (
      <InfoCard title="Readiness" deepLink={deepLink}>
        <Typography variant="body2">
          Not audited yet. The next scheduled audit will score this entity.
        </Typography>
      </InfoCard>
    );
  }
  const gaps = sortGaps(value.gaps).slice(0, maxGaps);
  return (
    <InfoCard title="Readiness" deepLink={deepLink}>
      <Box display="flex" alignItems="center" style={{ gap: 16 }}>
        <ScoreGauge score={value.score} width={90} small />
        <LevelChip level={value.level} />
      </Box>
      <Typography variant="subtitle2" component="h3" style={{ marginTop: 16 }}>
        {value.gaps.length === 0
          ? 'No gaps'
          : `Top gaps (${gaps.length} of ${value.gaps.length})`}
      </Typography>
      <Box
        component="ul"
        aria-label="Top gaps"
        margin={0}
        padding={0}
        style={{ listStyle: 'none' }}
      >
        {gaps.map(gap => (
          <Box
            component="li"
            key={gap.checkId}
            display="flex"
            alignItems="center"
            paddingY={0.5}
            style={{ gap: 8 }}
          >
            <SeverityChip severity={gap.severity} />
            <Typography variant="body2">{gap.title}</Typography>
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}
