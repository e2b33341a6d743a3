import { writeWithBackpressure, type CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';

/**
 * Child side of `runCliProcess`: runs the command (its streamed output written as it comes, its lines gathered and
 * printed after), then prints one JSON line with its exit code, wall time and the
 * process's peak RSS (`maxRSS` is in kilobytes).
 */
const out: string[] = [];
const io: CliIo = {
  out: (line) => out.push(line),
  err: (line) => process.stderr.write(`${line}\n`),
  // Streamed output goes straight out, as in the real process, so the command's peak RSS does not hold it.
  write: (text) => writeWithBackpressure(process.stdout, text),
  untilStopped: () => new Promise(() => undefined),
  env: {},
};
const started = performance.now();
const code = await runCli(process.argv.slice(2), io);
const wallMs = Math.round(performance.now() - started);
for (const line of out) process.stdout.write(`${line}\n`);
process.stdout.write(`${JSON.stringify({ code, wallMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
