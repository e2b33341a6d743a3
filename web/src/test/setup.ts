import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Lazy pages load their chunk first; on a loaded two-core machine that can take longer than the 1 s default.
configure({ asyncUtilTimeout: 10_000 });

// Testing Library unmounts after each test only when the runner exposes globals; vitest here does not.
afterEach(() => {
  cleanup();
  localStorage.clear();
});
