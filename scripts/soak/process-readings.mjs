// What Linux says of a process: its resident memory and its open file descriptors.
import { readdirSync, readFileSync } from "node:fs";

/** Resident set size in MiB (VmRSS of /proc/<pid>/status). */
export function residentMiB(pid) {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!kib) throw new Error(`/proc/${pid}/status has no VmRSS`);
  return Math.round((Number(kib[1]) / 1024) * 10) / 10;
}

/** Open file descriptors: sockets, files, pipes, the event loop's own. */
export function openDescriptors(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}
