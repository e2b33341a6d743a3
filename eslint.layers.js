// @ts-check
/**
 * The architecture as lint rules: which folder of src/ may import which. The flow is
 *
 *   okta, github, store, config  →  collect  →  checks, frameworks, reviews  →  evidence  →  app  →  schedule  →  adapters (cli, server)
 *
 * and an import may only point down it, never back up. Besides:
 * - src/github/ (the GitHub client) imports of store/ only the downstream record types (store/downstream-types.ts);
 * - checks, frameworks and evidence never import the Okta client (src/okta/) nor the GitHub client (src/github/), and evidence reads of collect/ only its
 *   pure dataset declarations (collect/datasets.ts), never a collector;
 * - no product code imports the simulator: only the `simulate` and `demo` commands start it (they are the product's
 *   "try it" surface), and test kits (testing/ folders, test-kit.ts, *.test.ts, test/, bench/) that do are not
 *   product code and are never imported by it (the build leaves them out, tsconfig.build.json);
 * - cli and server never import each other, and nothing but main.ts imports an adapter.
 *
 * Each rule is a regex on the import specifier: relative specifiers climb with `../` to a top-level folder name.
 * test/layering.test.ts lints wrong arrows through these blocks and expects each to fail.
 */

const up = '^(\\.\\./)+';

/** @param {string[]} folders @param {string} why */
const forbid = (folders, why) => ({ regex: `${up}(${folders.join('|')})/`, message: why });

const ADAPTERS = forbid(['cli', 'server'], 'Nothing imports an adapter: adapters sit on top and call src/app/.');
const SIMULATOR = forbid(['simulator'], 'Product code never imports the simulator; test kits that do live in testing/ folders, test-kit.ts or test/.');
const TEST_KITS = { regex: '(^|/)(testing/|test-kit\\.js$|[^/]*-fixture\\.js$|[^/]*\\.test\\.js$)', message: 'Test kits are not product code: product code never imports them.' };
const ABOVE_COLLECT = ['checks', 'frameworks', 'reviews', 'evidence', 'app', 'schedule'];
const CLIENT = forbid(['okta', 'github'], 'Checks and evidence never use the Okta or GitHub client: they read a stored snapshot.');

/** Product files only: tests and test kits may import anything. */
const TEST_FILES = ['**/*.test.ts', '**/testing/**', '**/test-kit.ts', '**/*-fixture.ts'];

/**
 * @param {string} folder
 * @param {{ regex: string, message: string }[]} patterns
 * @param {string[]} [except] files of the folder the block leaves out
 */
const layer = (folder, patterns, except = []) => ({
  files: [`src/${folder}/**/*.ts`],
  ignores: [...TEST_FILES, ...except],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const BELOW = {
  okta: [forbid(['store', 'collect', ...ABOVE_COLLECT], 'src/okta/ is the Okta client only: it imports nothing above it.')],
  github: [
    forbid(['okta', 'collect', ...ABOVE_COLLECT], 'src/github/ is the GitHub client only: it imports nothing above it.'),
    { regex: `${up}store/(?!downstream-types\\.js$)`, message: 'src/github/ reads of store/ only the downstream record types (store/downstream-types.ts).' },
  ],
  store: [forbid(['okta', 'github', 'collect', ...ABOVE_COLLECT], 'src/store/ imports nothing above it.')],
  config: [forbid(['github', 'collect', ...ABOVE_COLLECT], 'src/config/ is read by every layer; it imports nothing above okta and store.')],
  collect: [forbid(ABOVE_COLLECT, 'Collectors import okta, store and config only.')],
  checks: [CLIENT, forbid(['collect', 'reviews', 'evidence', 'app', 'schedule'], 'Checks are pure functions of a stored snapshot.')],
  frameworks: [CLIENT, forbid(['collect', 'checks', 'reviews', 'evidence', 'app', 'schedule'], 'Frameworks are data.')],
  reviews: [CLIENT, forbid(['collect', 'evidence', 'app', 'schedule'], 'Reviews read and write the store only.')],
  evidence: [
    CLIENT,
    { regex: `${up}collect/(?!datasets\\.js$)`, message: 'Evidence reads only the dataset declarations of collect/ (collect/datasets.ts), never a collector.' },
    forbid(['app', 'schedule'], 'Evidence sits below the application layer.'),
  ],
  app: [forbid(['schedule'], 'The scheduler calls the application layer, not the other way round.')],
  schedule: [],
};

/**
 * The `simulate` and `demo` commands, and `serve --demo` (npm start), start the simulators (Okta, and GitHub beside it
 * in demo-github.ts) in-process: the one narrow
 * exception, kept to these files.
 */
const SIMULATOR_COMMANDS = ['src/cli/simulate.ts', 'src/cli/demo.ts', 'src/cli/serve-demo.ts', 'src/cli/demo-github.ts'];

/** @type {import('eslint').Linter.Config[]} */
export const layerRules = [
  ...Object.entries(BELOW).map(([folder, patterns]) => layer(folder, [...patterns, ADAPTERS, SIMULATOR, TEST_KITS])),
  layer('cli', [forbid(['server'], 'The CLI and the server never import each other: both call src/app/.'), SIMULATOR, TEST_KITS], SIMULATOR_COMMANDS),
  {
    files: SIMULATOR_COMMANDS,
    rules: { 'no-restricted-imports': ['error', { patterns: [forbid(['server'], 'The CLI and the server never import each other: both call src/app/.'), TEST_KITS] }] },
  },
  layer('server', [forbid(['cli'], 'The CLI and the server never import each other: both call src/app/.'), SIMULATOR, TEST_KITS]),
  // The simulator is a product of its own (`okta-evidence simulate`): it may use the client's parsers, never the rest.
  layer('simulator', [forbid(['store', 'github', 'collect', ...ABOVE_COLLECT], 'The simulator stands alone: it imports only okta/ helpers.'), ADAPTERS, TEST_KITS]),
];
