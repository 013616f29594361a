import { createReadStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { ObjectStore, ObjectStores } from "@skyport/core";

/** SKYPORT_BUCKET_DIR's default: the local bucket, beside the SQLite file under .data/. */
export const DEFAULT_BUCKET_DIR = ".data/bucket";

/** A folder as the bucket (whatever the bucket's declared name): object names are paths below it, and never leave it. */
export function folderObjects(dir: string): ObjectStores {
  const root = resolve(dir);
  const pathOf = (name: string) => {
    const path = resolve(root, name);
    if (!path.startsWith(root + sep)) throw new Error(`object name ${JSON.stringify(name)} leaves the bucket folder`);
    return path;
  };
  const store: ObjectStore = {
    async read(name) {
      return createReadStream(pathOf(name));
    },
    async write(name, body) {
      const path = pathOf(name);
      await mkdir(dirname(path), { recursive: true });
      // Whole or not at all: a reader never sees half a report.
      const partial = join(dirname(path), `.${process.pid}.${Date.now()}.partial`);
      await writeFile(partial, body);
      await rename(partial, path);
    },
  };
  return () => store;
}
