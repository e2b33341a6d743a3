import { Fragment, type ReactNode } from 'react';

/** One labelled fact: what it is, and its value (text or markup). */
export type Fact = readonly [term: string, value: ReactNode];

/**
 * The labelled facts at the top of a detail page (a user's status, a test's severity…), as a description list so
 * screen readers pair each value with its label. A null fact is left out.
 */
export function Facts({ facts }: { facts: readonly (Fact | null)[] }) {
  return (
    <dl className="facts">
      {facts.map((fact) =>
        fact === null ? null : (
          <Fragment key={fact[0]}>
            <dt>{fact[0]}</dt>
            <dd>{fact[1]}</dd>
          </Fragment>
        ),
      )}
    </dl>
  );
}
