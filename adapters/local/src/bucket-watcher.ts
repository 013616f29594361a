import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Logger, ObjectHandler, ObjectStores } from "@skyport/core";
import { describeError } from "@skyport/core";
import { appendDeadLetter } from "./in-process-queue.js";

/** How often the local bucket's folder is looked at for new files, unless told otherwise. */
export const DEFAULT_BUCKET_POLL_MS = 500;
/** Tries of one version of a file before it is given up: dead-lettered and logged as an error. */
export const MAX_OBJECT_ATTEMPTS = 3;

interface Seen {
  signature: string;
  /** How many polls have found it unchanged; a file still being copied keeps changing. */
  stable: number;
  attempts: number;
  done: boolean;
}

/**
 * The local bucket's events: polls `<dir>/<prefix>` and hands each new or changed file, once it
 * has stopped changing, to the object function. What was handled is kept in `<dir>/.handled.json`
 * (name -> size and mtime), so a restart does not hand the same file over again. A failure is tried again at the next poll, at
 * most MAX_OBJECT_ATTEMPTS times per version of the file; then its event goes to the dead-letter file, as a queue's
 * message would (`npm run dead-letters` lists it), and a changed file is a new version, tried again.
 */
export class BucketWatcher {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    readonly name: string,
    readonly bucket: { name: string; dir: string; prefix: string },
    private readonly objects: ObjectStores,
    private readonly handler: () => Promise<ObjectHandler>,
    private readonly logger: Logger,
    private readonly options: { pollMs: number; deadLetterFile?: string } = { pollMs: DEFAULT_BUCKET_POLL_MS },
  ) {}

  private get stateFile() {
    return join(this.bucket.dir, ".handled.json");
  }

  async start(): Promise<void> {
    await mkdir(join(this.bucket.dir, this.bucket.prefix), { recursive: true });
    const handled = JSON.parse(await readFile(this.stateFile, "utf8").catch(() => "{}")) as Record<string, string>;
    for (const [name, signature] of Object.entries(handled)) this.seen.set(name, { signature, stable: 1, attempts: 0, done: true });
    const tick = () => {
      this.running = this.poll(false).finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs).unref();
      });
    };
    tick();
  }

  /** Polls now, taking every file as it is (a test's files are complete): what a test calls before it reads a report. */
  async settle(): Promise<void> {
    await this.running;
    this.running = this.poll(true);
    await this.running;
  }

  /** Hands an object on again (a dead letter sent back): forgotten, then taken as new at a settled poll. */
  async resend(name: string): Promise<void> {
    this.seen.delete(name);
    await this.settle();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async poll(settled: boolean): Promise<void> {
    const folder = join(this.bucket.dir, this.bucket.prefix);
    const names = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
    for (const entry of names.sort()) {
      if (this.stopped) return;
      const path = join(folder, entry);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile() || entry.split(sep).some((part) => part.startsWith("."))) continue;
      const name = relative(this.bucket.dir, path).split(sep).join("/");
      const signature = `${info.size}:${info.mtimeMs}`;
      let seen = this.seen.get(name);
      if (!seen) {
        seen = { signature, stable: 0, attempts: 0, done: false };
        this.seen.set(name, seen);
      } else if (seen.signature !== signature) {
        Object.assign(seen, { signature, stable: 0, attempts: 0, done: false });
      } else seen.stable += 1;
      if (seen.done || seen.attempts >= MAX_OBJECT_ATTEMPTS || (!settled && seen.stable < 1)) continue;
      await this.handle(name, info.size, seen);
    }
  }

  private async handle(name: string, size: number, seen: Seen) {
    seen.attempts += 1;
    const requestId = `${this.name}-${Date.now()}`;
    const event = { bucket: this.bucket.name, name, size };
    try {
      await (await this.handler())(event, this.objects(this.bucket.name), {
        requestId,
        cloud: "local",
        logger: this.logger,
      });
      seen.done = true;
      await this.saveState();
    } catch (error) {
      const last = seen.attempts >= MAX_OBJECT_ATTEMPTS;
      if (last && this.options.deadLetterFile) {
        const message = { id: `${name}@${seen.signature}`, body: JSON.stringify(event), attempt: seen.attempts };
        appendDeadLetter(this.options.deadLetterFile, {
          topic: `objects:${this.bucket.name}`,
          message,
          reason: "attempts exhausted",
          at: new Date().toISOString(),
        });
      }
      this.logger.error(last ? "object given up" : "object failed, tried again at the next poll", {
        function: this.name,
        object: name,
        attempt: seen.attempts,
        error: describeError(error),
      });
    }
  }

  private async saveState() {
    const handled = Object.fromEntries([...this.seen].filter(([, seen]) => seen.done).map(([name, seen]) => [name, seen.signature]));
    const partial = `${this.stateFile}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(handled));
    await rename(partial, this.stateFile);
  }
}
