import { render, screen } from '@testing-library/react';
import { Badge } from './Badge';

describe('Badge', () => {
  it('uses the neutral tone by default', () => {
    render(<Badge>In stock</Badge>);
    expect(screen.getByText('In stock').className).toBe(
      'uk-badge uk-badge--neutral',
    );
  });

  it('announces critical badges as a status', () => {
    render(<Badge tone="critical">Sold out</Badge>);
    expect(screen.getByRole('status').textContent).toBe('Sold out');
  });
});
