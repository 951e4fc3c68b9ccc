import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { CategoryScore } from '@prodready/plugin-readiness-common';
import { formatScore, scoreColor } from '../common';

/** Applicable categories worst first, then the not-applicable ones. */
export function sortCategories(categories: CategoryScore[]): CategoryScore[] {
  return [...categories].sort((a, b) => {
    if (a.score === null || b.score === null) {
      return (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0);
    }
    return a.score - b.score || b.weight - a.weight;
  });
}

function CategoryBar(props: { category: CategoryScore }) {
  const { category } = props;
  const na = category.score === null;
  const value = category.score ?? 0;
  return (
    <Box marginBottom={1.5} style={{ opacity: na ? 0.5 : 1 }}>
      <Box display="flex" justifyContent="space-between">
        <Typography variant="body2">{category.title}</Typography>
        <Typography variant="body2" color="textSecondary">
          {na
            ? 'N/A'
            : `${formatScore(value)} · ${category.passed}/${
                category.applicable
              } passed`}
        </Typography>
      </Box>
      <div
        role="progressbar"
        aria-label={category.title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={na ? undefined : value}
        aria-valuetext={na ? 'Not applicable' : `${formatScore(value)} of 100`}
        style={{ height: 8, borderRadius: 4, background: '#e0e0e0' }}
      >
        <div
          style={{
            width: `${Math.max(0, Math.min(100, value))}%`,
            height: '100%',
            borderRadius: 4,
            background: na ? '#9e9e9e' : scoreColor(value),
          }}
        />
      </div>
    </Box>
  );
}

/** Score bars per category, worst first; N/A categories greyed at the end. */
export function CategoryBreakdown(props: { categories: CategoryScore[] }) {
  const visible = props.categories.filter(c => c.total > 0 || c.score !== null);
  return (
    <InfoCard title="Categories">
      {visible.length === 0 ? (
        <Typography variant="body2">No category has checks.</Typography>
      ) : (
        sortCategories(visible).map(c => (
          <CategoryBar key={c.id} category={c} />
        ))
      )}
    </InfoCard>
  );
}
