import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's filters kept in the URL's query string, so a filtered view is a link someone else can open. Empty values
 * are left out of the URL; changing a filter replaces the history entry rather than adding one per keystroke.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]): [Record<K, string>, (changes: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const update = useCallback(
    (changes: Partial<Record<K, string>>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [values, update];
}

/** Only the filters that are set, for a query string (the API refuses empty values). */
export function setOnly<T extends Record<string, string | number | boolean | undefined>>(query: T): Partial<T> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) as Partial<T>;
}

/** A URL value narrowed to the options a filter offers; anything else (a hand-edited link) is no filter at all. */
export function oneOf<T extends string>(value: string, options: readonly (readonly [T, string])[]): T | undefined {
  return options.find(([option]) => option === value)?.[0];
}
