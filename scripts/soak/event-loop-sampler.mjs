// Loaded into the soaked server with `node --import`: its event-loop delay, measured where it happens.
// Every SKYPORT_SOAK_SAMPLE_MS it writes one JSON line to stdout, beside the server's own log lines,
// with that interval's p50, p99 and max in milliseconds and V8's memory figures, then starts the next interval afresh.
import { monitorEventLoopDelay } from "node:perf_hooks";

const { SKYPORT_SOAK_SAMPLE_MS: intervalMs = "5000" } = process.env;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (nanoseconds) => Math.round(nanoseconds / 1e4) / 100;
setInterval(() => {
  // Beside RSS, the parts V8 knows of: the JS heap in use and reserved, and memory outside it held by JS objects (Buffers).
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  const mib = (bytes) => Math.round(bytes / 1024 / 102.4) / 10;
  const memory = { heapUsedMiB: mib(heapUsed), heapTotalMiB: mib(heapTotal), externalMiB: mib(external) };
  const line = { soak: "event-loop", at: Date.now(), p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), ...memory };
  delay.reset();
  process.stdout.write(`${JSON.stringify(line)}\n`);
}, Number(intervalMs)).unref(); // the server's shutdown waits for nothing of ours
