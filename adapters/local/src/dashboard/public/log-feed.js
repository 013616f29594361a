// The app's log lines, kept in the page: the live feed opened first, then the server's history, each line once.
import { get } from "./api.js";

export const lines = [];
const listeners = new Set();
let last = 0;

function add(line) {
  if (line.seq <= last) return;
  last = line.seq;
  lines.push(line);
  for (const listener of listeners) listener(line);
}

export async function startLogFeed() {
  const early = [];
  let ready = false;
  let opened = 0;
  const source = new EventSource("/api/logs/live");
  source.onmessage = (event) => (ready ? add(JSON.parse(event.data)) : early.push(JSON.parse(event.data)));
  await new Promise((resolve) => {
    source.onopen = () => {
      // Open again: `skyport dev` restarted the server, whose lines count from 1 again.
      if (++opened > 1) last = 0;
      resolve();
    };
  });
  for (const line of await get("logs")) add(line);
  ready = true;
  for (const line of early) add(line);
}

/** Calls `listener` with each new line until the returned function is called. */
export function onLine(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
