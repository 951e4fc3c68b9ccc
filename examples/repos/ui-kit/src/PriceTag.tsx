export interface PriceTagProps {
  /** Price in minor units (cents). */
  amountMinor: number;
  currency: string;
  /** The price before a discount; shown struck through when higher. */
  originalAmountMinor?: number;
  locale?: string;
}

export function formatPrice(
  amountMinor: number,
  currency: string,
  locale = 'en-GB',
): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    amountMinor / 100,
  );
}

export function PriceTag({
  amountMinor,
  currency,
  originalAmountMinor,
  locale,
}: PriceTagProps) {
  const discounted =
    originalAmountMinor !== undefined && originalAmountMinor > amountMinor;
  return (
    <span className="uk-price">
      {discounted && (
        <del aria-label="Original price">
          {formatPrice(originalAmountMinor, currency, locale)}
        </del>
      )}
      <strong>{formatPrice(amountMinor, currency, locale)}</strong>
    </span>
  );
}
