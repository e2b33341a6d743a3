import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../app/session';

/** A page of the console, shown inside the app shell (signed in). */
export interface ConsolePage {
  /** The route below the shell, without a leading slash: `users`, `users/:id`. */
  path: string;
  /** The document title (and, for pages in the nav, the link's text comes from registry.tsx's NAV). */
  title: string;
  /** Lazy pages keep the first load small: each is its own chunk (see the console-bundle bench). */
  Component: LazyExoticComponent<ComponentType> | ComponentType;
  /** Fetches the page's chunk ahead of its first render (see preloadPageAt in registry.tsx). */
  preload?: () => Promise<unknown>;
  /** Roles that may open it; default every role. Others see a "not allowed" notice (the API refuses them anyway). */
  roles?: readonly Role[];
}

/** A page in its own chunk, keeping the loader so the chunk can be fetched before the page first renders. */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): Pick<ConsolePage, 'Component' | 'preload'> {
  return { Component: lazy(load), preload: load };
}
