import type { Linter } from 'eslint';

/** The import-boundary rules (see eslint.layers.js), typed for test/layering.test.ts. */
export declare const layerRules: Linter.Config[];
