import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'critical';

export interface BadgeProps {
  tone?: BadgeTone;
  children: ReactNode;
}

/** A short status label: "In stock", "Back-ordered", "Sold out". */
export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return (
    <span
      className={`uk-badge uk-badge--${tone}`}
      role={tone === 'critical' ? 'status' : undefined}
    >
      {children}
    </span>
  );
}
