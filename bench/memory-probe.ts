import { writeSync } from 'node:fs';

/**
 * Preloaded into a measured command (`node --import tsx --import ./bench/memory-probe.ts src/main.ts …`), so the
 * command runs exactly as a user starts it, environment and all. Once a second it writes one JSON line with the
 * process's memory (`MemorySample`) to file descriptor 3, and on exit a last one with `peakRssMb` from getrusage:
 * the process's high-water mark, including any spike between two samples. The parent opens descriptor 3 as a pipe
 * (see `runProbedCli`); without it the probe stays silent.
 */
const REPORT_FD = 3;
const SAMPLE_MS = 1000;
const MB = 1_048_576;

function report(line: object): void {
  try {
    writeSync(REPORT_FD, `${JSON.stringify(line)}\n`);
  } catch {
    // No descriptor 3: nobody is listening.
  }
}

function sample(): void {
  const m = process.memoryUsage();
  report({ t: Math.round(performance.now()), rssMb: Math.round(m.rss / MB), heapUsedMb: Math.round(m.heapUsed / MB), externalMb: Math.round(m.external / MB), arrayBuffersMb: Math.round(m.arrayBuffers / MB) });
}

setInterval(sample, SAMPLE_MS).unref();
process.on('exit', () => {
  sample();
  report({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
});
