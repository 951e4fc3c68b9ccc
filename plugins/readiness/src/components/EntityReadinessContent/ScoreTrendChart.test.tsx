import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { paymentsHistory } from '../../testing/fixtures';
import { ScoreTrendChart, chartPoints } from './ScoreTrendChart';

describe('ScoreTrendChart', () => {
  it('places points by time and score', () => {
    const points = chartPoints(paymentsHistory);
    expect(points[0].x).toBeLessThan(points[1].x);
    expect(points[3].x).toBeGreaterThan(points[2].x);
    // Higher scores are drawn higher up (smaller y).
    expect(points[3].y).toBeLessThan(points[0].y);
  });

  it('draws a titled SVG line', async () => {
    const { container } = await renderInTestApp(
      <ScoreTrendChart history={paymentsHistory} />,
    );
    expect(
      screen.getByRole('img', { name: /Readiness score trend/ }),
    ).toBeInTheDocument();
    expect(container.querySelector('polyline')).not.toBeNull();
    expect(container.querySelectorAll('circle')).toHaveLength(4);
  });

  it('handles one point and none', async () => {
    const { container } = await renderInTestApp(
      <ScoreTrendChart history={paymentsHistory.slice(0, 1)} />,
    );
    expect(container.querySelector('polyline')).toBeNull();
    expect(screen.getAllByText(/One audit: score 41/).length).toBeGreaterThan(
      0,
    );

    await renderInTestApp(<ScoreTrendChart history={[]} />);
    expect(screen.getByText('No history yet.')).toBeInTheDocument();
  });
});
