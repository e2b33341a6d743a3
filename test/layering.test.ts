import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerRules } from '../eslint.layers.js';

const ROOT = join(import.meta.dirname, '..');

/** Only the layering rules, over a source string as if it were the file at `path`: no type information needed. */
async function restrictedImports(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
  });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('the import-boundary rules in eslint.layers.js', () => {
  it.each([
    ['src/checks/x.ts', "import { createOktaClient } from '../okta/client.js';", 'never use the Okta or GitHub client'],
    ['src/evidence/x.ts', "import { runSync } from '../collect/sync-run.js';", 'only the dataset declarations'],
    ['src/evidence/x.ts', "import { createOktaClient } from '../okta/client.js';", 'never use the Okta or GitHub client'],
    ['src/collect/x.ts', "import { evaluateChecks } from '../checks/engine.js';", 'okta, store and config only'],
    ['src/store/repositories/x.ts', "import { runSync } from '../../collect/sync-run.js';", 'imports nothing above it'],
    ['src/okta/auth/x.ts', "import type { Store } from '../../store/store.js';", 'the Okta client only'],
    ['src/app/x.ts', "import { runCli } from '../cli/program.js';", 'Nothing imports an adapter'],
    ['src/app/x.ts', "import { startSimulator } from '../simulator/server.js';", 'never imports the simulator'],
    ['src/cli/tests.ts', "import { startSimulator } from '../simulator/server.js';", 'never imports the simulator'],
    ['src/cli/x.ts', "import { buildServer } from '../server/app.js';", 'never import each other'],
    ['src/server/x.ts', "import { runCli } from '../cli/program.js';", 'never import each other'],
    ['src/collect/x.ts', "import { startHarness } from './testing/collect-kit.js';", 'Test kits are not product code'],
    ['src/app/x.ts', "import { x } from '../schedule/scheduler.js';", 'The scheduler calls the application layer'],
    ['src/checks/x.ts', "import { createGithubClient } from '../github/client.js';", 'never use the Okta or GitHub client'],
    ['src/evidence/x.ts', "import { readGithubOrganization } from '../github/read-org.js';", 'never use the Okta or GitHub client'],
    ['src/github/x.ts', "import type { Store } from '../store/store.js';", 'only the downstream record types'],
    ['src/github/x.ts', "import { createOktaClient } from '../okta/client.js';", 'the GitHub client only'],
    ['src/github/x.ts', "import { startSimulator } from '../simulator/server.js';", 'never imports the simulator'],
    ['src/store/x.ts', "import { createGithubClient } from '../github/client.js';", 'imports nothing above it'],
  ])('%s: refuses %s', async (path, code, reason) => {
    const messages = await restrictedImports(path, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('no-restricted-imports');
    expect(messages[0]).toContain(reason);
  });

  it.each([
    ['src/evidence/x.ts', "import { DATASET_DECLARATIONS } from '../collect/datasets.js';"],
    ['src/cli/demo.ts', "import { startSimulator } from '../simulator/server.js';"],
    ['src/cli/simulate.ts', "import { startSimulator } from '../simulator/server.js';"],
    ['src/app/x.ts', "import { runSync } from '../collect/sync-run.js';"],
    ['src/cli/x.ts', "import { runTests } from '../app/tests.js';"],
    ['src/collect/testing/kit.ts', "import { startSimulator } from '../../simulator/server.js';"],
    ['src/collect/users.test.ts', "import { startSimulator } from '../simulator/server.js';"],
    ['src/main.ts', "import { runCli } from './cli/program.js';"],
    ['src/github/x.ts', "import type { DownstreamAccount } from '../store/downstream-types.js';"],
    ['src/app/x.ts', "import { createGithubClient } from '../github/client.js';"],
  ])('%s: allows %s', async (path, code) => {
    expect(await restrictedImports(path, code)).toEqual([]);
  });
});
