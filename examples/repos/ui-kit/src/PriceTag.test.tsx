import { render, screen } from '@testing-library/react';
import { PriceTag, formatPrice } from './PriceTag';

describe('formatPrice', () => {
  it('formats minor units in the currency', () => {
    expect(formatPrice(4599, 'EUR', 'en-GB')).toBe('€45.99');
    expect(formatPrice(100, 'GBP', 'en-GB')).toBe('£1.00');
  });
});

describe('PriceTag', () => {
  it('shows only the price without a discount', () => {
    render(<PriceTag amountMinor={4599} currency="EUR" />);
    expect(screen.getByText('€45.99')).toBeTruthy();
    expect(screen.queryByLabelText('Original price')).toBeNull();
  });

  it('strikes through the original price of a discounted item', () => {
    render(
      <PriceTag amountMinor={3999} originalAmountMinor={4599} currency="EUR" />,
    );
    expect(screen.getByLabelText('Original price').textContent).toBe('€45.99');
    expect(screen.getByText('€39.99')).toBeTruthy();
  });

  it('ignores an original price that is not higher', () => {
    render(
      <PriceTag amountMinor={3999} originalAmountMinor={3999} currency="EUR" />,
    );
    expect(screen.queryByLabelText('Original price')).toBeNull();
  });
});
