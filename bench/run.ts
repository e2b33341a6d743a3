import { apiLoad, apiLoadPg } from './api-load.js';
import { checks50k } from './checks-50k.js';
import { clientPacingManyBuckets } from './client-pacing-many-buckets.js';
import { clientPacingSingleBucket } from './client-pacing-single-bucket.js';
import { consoleBundle } from './console-bundle.js';
import { consolePages } from './console-pages.js';
import { evidenceExport } from './evidence-export.js';
import { githubRead5k } from './github-read-5k.js';
import { githubSimulator5k } from './github-simulator-5k.js';
import { orgGeneration } from './org-generation.js';
import { passthrough50k } from './passthrough-50k.js';
import type { BenchResult, BenchScenario } from './scenario.js';
import { schedulerIdle } from './scheduler-idle.js';
import { schedulerScale } from './scheduler-scale.js';
import { schedulerSoak } from './scheduler-soak.js';
import { simulatorChanges } from './simulator-changes.js';
import { simulatorThroughput } from './simulator-throughput.js';
import { syncFull50k, syncFull5k } from './sync-full.js';
import { syncIncremental50k } from './sync-incremental.js';
import { syncMemory50k } from './sync-memory.js';
import { syncUnchanged1k } from './sync-unchanged.js';
import { syncVsSdk1k, syncVsSdk5k } from './sync-vs-sdk.js';
import { testConnection50k } from './test-connection-50k.js';

/**
 * `npm run bench [-- --json] [-- --only ID]`: runs every scenario, prints a table (or one JSON line per scenario)
 * and exits 1 when any scenario misses its target.
 */
const scenarios: BenchScenario[] = [orgGeneration, simulatorThroughput, simulatorChanges, clientPacingSingleBucket, clientPacingManyBuckets, checks50k, evidenceExport, syncVsSdk1k, syncVsSdk5k, syncFull5k, syncFull50k, syncIncremental50k, syncMemory50k, syncUnchanged1k, schedulerIdle, schedulerScale, schedulerSoak, apiLoad, apiLoadPg, testConnection50k, githubSimulator5k, githubRead5k, passthrough50k, consoleBundle, consolePages];

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
const selected = scenarios.filter((s) => only === undefined || s.id === only);
if (selected.length === 0) {
  console.error(`error: unknown scenario "${only ?? ''}"; known: ${scenarios.map((s) => s.id).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const scenario of selected) {
  if (!json) console.log(`▶ ${scenario.id}: ${scenario.description}`);
  const result = await scenario.run();
  results.push(result);
  if (json) console.log(JSON.stringify({ ...result.figures, scenario: result.scenario, target: result.target, passed: result.passed }));
  else console.log(`  ${result.passed ? 'PASS' : 'FAIL'} ${JSON.stringify(result.figures)} (target ${result.target})`);
}
process.exitCode = results.every((r) => r.passed) ? 0 : 1;
