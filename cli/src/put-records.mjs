import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadModule } from "./load.mjs";

/**
 * `skyport put-records <stream> <records.json>`: a producer outside the local server puts records
 * (`[{"partitionKey": "...", "data": {...}}, ...]`, in stream order) on one of its streams, in the
 * queue file (SKYPORT_QUEUE_PATH); a running server delivers them within its stream poll, a
 * stopped one at its next start. The records file is the caller's (INIT_CWD); the queue file is
 * the app's, under its folder as the server keeps it.
 */
export async function putRecords(appDir, [stream, recordsFile]) {
  if (!stream || !recordsFile) throw new Error('usage: skyport put-records <stream> <records.json> with [{"partitionKey": "...", "data": {...}}, ...]');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const given = JSON.parse(await readFile(resolve(cwd, recordsFile), "utf8"));
  const records = Array.isArray(given) ? given : [given];
  if (records.length === 0 || !records.every((r) => typeof r?.partitionKey === "string" && r.data !== undefined)) {
    throw new Error(`${recordsFile}: records are [{"partitionKey": "...", "data": {...}}, ...], one batch in stream order`);
  }
  const { openQueueFile, DEFAULT_QUEUE_PATH } = await loadModule(appDir, `export { openQueueFile, DEFAULT_QUEUE_PATH } from "@skyport/local";`);
  const path = resolve(appDir, process.env.SKYPORT_QUEUE_PATH ?? DEFAULT_QUEUE_PATH);
  const file = openQueueFile(path);
  try {
    const put = file.put(
      stream,
      records.map(({ partitionKey, data }) => ({ partitionKey, data: typeof data === "string" ? data : JSON.stringify(data) })),
    );
    console.log(`put ${put.length} record(s) on ${stream} in ${path}: positions ${put[0].position}..${put.at(-1).position}`);
  } finally {
    file.close();
  }
}
