export { Badge } from './Badge';
export type { BadgeProps, BadgeTone } from './Badge';
export { Button } from './Button';
export type { ButtonProps } from './Button';
export { PriceTag, formatPrice } from './PriceTag';
export type { PriceTagProps } from './PriceTag';
