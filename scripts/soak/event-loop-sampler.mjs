// Loaded into the soaked server with `node --import`: its event-loop delay, measured where it happens.
// Every SKYPORT_SOAK_SAMPLE_MS it writes one JSON line to stdout, beside the server's own log lines,
// with that interval's p50, p99 and max in milliseconds and the V8 heap in use, then starts the next interval afresh.
import { monitorEventLoopDelay } from "node:perf_hooks";

const { SKYPORT_SOAK_SAMPLE_MS: intervalMs = "5000" } = process.env;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (nanoseconds) => Math.round(nanoseconds / 1e4) / 100;
setInterval(() => {
  const heapUsedMiB = Math.round(process.memoryUsage().heapUsed / 1024 / 102.4) / 10; // beside RSS: the JS heap's share of it
  const line = { soak: "event-loop", at: Date.now(), p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max), heapUsedMiB };
  delay.reset();
  process.stdout.write(`${JSON.stringify(line)}\n`);
}, Number(intervalMs)).unref(); // the server's shutdown waits for nothing of ours
