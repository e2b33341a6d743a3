/** One benchmark scenario: a name, what it checks, and a run that returns figures plus pass/fail against its target. */
export interface BenchResult {
  scenario: string;
  /** Measured figures, e.g. requestsPerSecond, wallMs, peakRssMb. */
  figures: Record<string, number | string>;
  /** Human-readable target, e.g. ">= 5000 req/s". */
  target: string;
  passed: boolean;
}

export interface BenchScenario {
  id: string;
  description: string;
  run(): Promise<BenchResult>;
}

export function defineScenario(scenario: BenchScenario): BenchScenario {
  return scenario;
}
