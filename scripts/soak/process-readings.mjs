// What Linux says of a process: its resident memory and its open file descriptors.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Resident set size in MiB (VmRSS of /proc/<pid>/status), and its two parts: anonymous memory (heaps, SQLite's
 * page cache) and file pages (the node binary's code and the libraries' as they are touched).
 */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (field) => {
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
    if (!kib) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Math.round((Number(kib[1]) / 1024) * 10) / 10;
  };
  return { rss: mib("VmRSS"), anonymous: mib("RssAnon"), file: mib("RssFile") };
}

/** Open file descriptors: sockets, files, pipes, the event loop's own. */
export function openDescriptors(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}
