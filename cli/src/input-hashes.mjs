import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";

/** The esbuild namespace of a function bundle's served app (build.mjs's `servedApp`): generated, not a file. */
export const SERVED = "skyport-served";

/**
 * A build's inputs by content: each metafile (dist/meta/<name>.json) keeps, beside esbuild's
 * `inputs` and `outputs`, `skyportInputs`: the SHA-256 of every file esbuild read, of the
 * package.json nearest each (exports, main, type steer what esbuild reads), of the lockfile and of
 * the builder. Contents, not times: a file saved in the second of the build, or put back by git
 * with an older mtime, rebuilds; a tree touched but not changed does not.
 */
export class InputHashes {
  /** Every file hashed once per `skyport build`, however many metafiles list it. */
  #hashes = new Map();
  #nearestFiles = new Map();

  /** `builder`: the build's own files, an input of every bundle. */
  constructor(appDir, distDir, builder) {
    this.appDir = appDir;
    this.distDir = distDir;
    this.builder = builder;
  }

  /**
   * Writes the hashes into a metafile the build just wrote. An input saved during the build
   * (since `startedAt`) may differ from what esbuild read: it gets no hash, so the next build rebuilds.
   */
  async record(metaPath, startedAt) {
    const metafile = JSON.parse(await readFile(metaPath, "utf8"));
    const base = this.#workingDirOf(metafile);
    if (base === undefined) return;
    const now = Date.now();
    const hashes = {};
    for (const path of await this.#inputsOf(metafile, base)) {
      const saved = (await stat(path).catch(() => undefined))?.mtimeMs;
      const savedDuringBuild = saved === undefined || (saved >= startedAt && saved <= now);
      hashes[relative(base, path)] = savedDuringBuild ? null : this.#hashOf(path);
    }
    await writeFile(metaPath, JSON.stringify({ ...metafile, skyportInputs: hashes }));
  }

  /** True when every output of the metafile's build exists and every input has the content it had then. */
  async unchanged(metaPath) {
    try {
      const metafile = JSON.parse(await readFile(metaPath, "utf8"));
      const base = this.#workingDirOf(metafile);
      const recorded = Object.entries(metafile.skyportInputs ?? {});
      if (base === undefined || recorded.length === 0) return false;
      await Promise.all(Object.keys(metafile.outputs).map((path) => stat(resolve(base, path))));
      return recorded.every(([path, hash]) => hash !== null && hash === this.#hashOf(resolve(base, path)));
    } catch {
      return false; // a metafile, output or input missing: build
    }
  }

  /**
   * esbuild's inputs but the generated ones, their package.json files, the lockfile, the builder. Generated: the entry, and
   * what a plugin serves from a namespace of its own (`namespace:path`: the served app, the compiled validators, a
   * CommonJS module's named exports), whose files, where it reads any, are inputs of their own.
   */
  async #inputsOf(metafile, base) {
    const read = Object.keys(metafile.inputs)
      .filter((path) => !path.endsWith(".entry.mjs") && !/^[\w-]{2,}:/.test(path))
      .map((path) => resolve(base, path));
    const packageJsons = await Promise.all([this.appDir, ...read.map((path) => dirname(path))].map((dir) => this.#nearest(dir, "package.json")));
    const lockfile = await this.#nearest(this.appDir, "package-lock.json");
    return [...new Set([...read, ...packageJsons, lockfile, ...this.builder])].filter((path) => path !== undefined);
  }

  /** The files a metafile's build read, as absolute paths (what `skyport dev` watches); none before a build recorded them. */
  async files(metaPath) {
    const metafile = JSON.parse(await readFile(metaPath, "utf8").catch(() => "{}"));
    const base = metafile.outputs && this.#workingDirOf(metafile);
    return base === undefined ? [] : Object.keys(metafile.skyportInputs ?? {}).map((path) => resolve(base, path));
  }

  /** Read synchronously: for hundreds of small files, two to three times quicker than through the thread pool. */
  #hashOf(path) {
    if (!this.#hashes.has(path)) this.#hashes.set(path, createHash("sha256").update(readFileSync(path)).digest("hex"));
    return this.#hashes.get(path);
  }

  /** The file `name` in `dir` or the closest folder above it; undefined if none. */
  async #nearest(dir, name) {
    const key = `${dir}\0${name}`;
    if (!this.#nearestFiles.has(key)) {
      const here = join(dir, name);
      const found = stat(here).then(
        () => here,
        () => (dirname(dir) === dir ? undefined : this.#nearest(dirname(dir), name)),
      );
      this.#nearestFiles.set(key, found);
    }
    return this.#nearestFiles.get(key);
  }

  /**
   * A metafile's paths are relative to the directory esbuild ran in (the process's, when esbuild
   * loaded): the one of these from which its outputs lie in distDir. Unknown: build again.
   */
  #workingDirOf(metafile) {
    const outputs = Object.keys(metafile.outputs);
    return [process.cwd(), this.appDir].find((dir) => outputs.length > 0 && outputs.every((path) => resolve(dir, path).startsWith(this.distDir + sep)));
  }
}
