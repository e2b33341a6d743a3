import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroller: on a narrow screen the table scrolls inside it, not the page. It is
 * focusable and named so a keyboard user can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
