import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../app/session';

/** A page of the console, shown inside the app shell (signed in). */
export interface ConsolePage {
  /** The route below the shell, without a leading slash: `users`, `users/:id`. */
  path: string;
  /** The document title (and, for pages in the nav, the link's text comes from registry.tsx's NAV). */
  title: string;
  /** Lazy pages keep the first load small: each is its own chunk (see the console-bundle bench). */
  Component: LazyExoticComponent<ComponentType> | ComponentType;
  /** Roles that may open it; default every role. Others see a "not allowed" notice (the API refuses them anyway). */
  roles?: readonly Role[];
}
