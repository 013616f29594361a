import { once } from "node:events";
import type { AddressInfo } from "node:net";
import {
  ConfigError,
  changeFeedOf,
  envReader,
  functionsOf,
  lazyHandler,
  nextRun,
  readAll,
  type App,
  type AppFunction,
  type Env,
  type Wiring,
} from "@skyport/core";
import { BucketWatcher, DEFAULT_BUCKET_POLL_MS } from "./bucket-watcher.js";
import { ChangeFeedPoller, DEFAULT_POLL_MS } from "./change-feed-poller.js";
import { DEFAULT_BUCKET_DIR, folderObjects } from "./folder-bucket.js";
import { localHttpServer } from "./http-server.js";
import { DEFAULT_DEAD_LETTER_FILE, InProcessQueue } from "./in-process-queue.js";
import { DEFAULT_STREAM_POLL_MS, InProcessStream } from "./in-process-stream.js";
import { DEFAULT_QUEUE_PATH, openQueueFile, type QueueFile } from "./queue-file.js";
import { localSecrets } from "./local-secrets.js";
import { startDashboard, type Dashboard } from "./dashboard/dashboard-server.js";
import { LogLines } from "./dashboard/log-lines.js";

/** An app running on one machine: its addresses, its queues and streams, and how to run, settle and stop it. */
export interface LocalApp {
  /** The HTTP function's address, when the app has one. */
  url?: string;
  /** The dashboard's address, when SKYPORT_DASHBOARD_PORT turns it on (`npm start` and `skyport dev` do). */
  dashboardUrl?: string;
  /** The in-process queue of a topic (publish to it, deliver to it, read its dead letters). */
  queue(topic: string): InProcessQueue;
  /** The in-process stream a stream function reads (put records on it; its dead letters go to the dead-letter file too). */
  stream(name: string): InProcessStream;
  /** Runs a scheduled function now, as its timer would. */
  run(name: string): Promise<unknown>;
  /** Hands every change committed so far to the changes functions, then waits for the queues: what a test calls before it reads a result. */
  settle(): Promise<void>;
  /** Stops accepting, finishes requests in flight, drains the queues, releases the services. */
  close(): Promise<void>;
}

/** A second server on a port in use (another app's `npm start`): the variable that moves it, not a stack. */
function portTaken(port: number, host: string): ConfigError {
  return new ConfigError(
    "PORT",
    `a free port on ${host}; ${port} is taken (another app's server?): set PORT=${port + 1}, or PORT=0 for any free one`,
    String(port),
  );
}

/** Where `npm start` and `skyport dev` serve the dashboard (SKYPORT_DASHBOARD_PORT); a port in use gives way to a free one. */
export const DEFAULT_DASHBOARD_PORT = "3100";

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A whole app on one machine: its HTTP function on node:http (`PORT`, else 3000; a port in use
 * fails the start naming PORT; `SKYPORT_HOST`), a queue in process per topic and a stream per
 * stream function, both kept in the queue file (`SKYPORT_QUEUE_PATH`; their dead letters in
 * `SKYPORT_DEAD_LETTER_FILE`), a timer per schedule; with `SKYPORT_DASHBOARD_PORT`, the dashboard on
 * 127.0.0.1 (`off`, or unset, for none).
 * The wiring is built as each cloud builds it, with the local queues as its publishers.
 */
export async function startLocalApp<S>(app: App<S>, wiring: Wiring<S>, env: Env): Promise<LocalApp> {
  const queueFile = openQueueFile(envReader(env).string("SKYPORT_QUEUE_PATH", DEFAULT_QUEUE_PATH));
  // Taken from the start, so that the dashboard shows the start's own lines too.
  const logLines = (env.SKYPORT_DASHBOARD_PORT ?? "off") === "off" ? undefined : new LogLines().tap();
  // A start that fails lets go of the file, so that the next start finds it free.
  return serve(app, wiring, env, queueFile, logLines).catch((error: unknown) => {
    queueFile.close();
    logLines?.stop();
    throw error;
  });
}

async function serve<S>(app: App<S>, wiring: Wiring<S>, env: Env, queueFile: QueueFile, logLines: LogLines | undefined): Promise<LocalApp> {
  const read = envReader(env);
  const deadLetterFile = read.string("SKYPORT_DEAD_LETTER_FILE", DEFAULT_DEAD_LETTER_FILE);
  const queues = new Map<string, InProcessQueue>();
  const functions = functionsOf(app);
  function queueOf(topic: string): InProcessQueue {
    const known = queues.get(topic);
    if (known) return known;
    const queue = new InProcessQueue(topic, () => instance.logger, { file: queueFile, deadLetterFile });
    queues.set(topic, queue);
    return queue;
  }
  const streams = new Map<string, InProcessStream>();
  // One start reports every wrong variable, the server's own and the wiring's, in one error.
  const [port, host, changeFeedPollMs, dashboardPort, instance] = readAll(
    () => read.integer("PORT", 0, 65_535, 3000),
    () => read.string("SKYPORT_HOST", "127.0.0.1"),
    () => read.integer("SKYPORT_CHANGE_FEED_POLL_MS", 1, 3_600_000, DEFAULT_POLL_MS),
    () => ((read.optional("SKYPORT_DASHBOARD_PORT") ?? "off") === "off" ? undefined : read.integer("SKYPORT_DASHBOARD_PORT", 0, 65_535, 0)),
    () => wiring(env, { served: functions.map(([name]) => name), queue: queueOf, secrets: localSecrets(env) }),
  );
  const { logger } = instance;

  // Built now: a store that cannot be reached fails the start, not the first request.
  await instance.services();
  // The app's collections are made where the store lacks them, as each cloud's template makes them.
  const declared = Object.values(app.collections);
  if (declared.length > 0) {
    if (!instance.documents) {
      await instance.close?.();
      throw new Error(
        `${app.name} declares collections (${Object.keys(app.collections).join(", ")}), and its wiring gives the local server no documents to keep them in`,
      );
    }
    await instance.documents.ensure(declared);
  }
  // Each changes function reads the store's change feed; a store without one is refused now, not left silent.
  const pollers: ChangeFeedPoller[] = [];
  for (const [name, fn] of functions) {
    if (fn.trigger.kind !== "changes") continue;
    const declaration = app.collections[fn.trigger.collection];
    // The documents' own feed, of the collection the app declares.
    const documentFeed = declaration && instance.documents?.changes;
    if (!documentFeed) {
      await instance.close?.();
      throw new Error(
        `${name} reads the ${fn.trigger.collection} change feed, and the configured store offers the local server none (its documents have no ` +
          `\`changes\`): choose a store that does (every Skyport store), or run ${name} on its cloud`,
      );
    }
    const feed = changeFeedOf(documentFeed);
    const handler = lazyHandler(fn as AppFunction<S, "changes">, instance);
    // By the collection's name: each feed reads it where SKYPORT_COLLECTION_<NAME> puts it.
    pollers.push(
      new ChangeFeedPoller(name, fn.trigger.collection, feed, handler, logger.child({ function: name }), { pollMs: changeFeedPollMs, deadLetterFile }),
    );
  }
  // Every consumer is attached before anything can publish: a message is kept for the consumers its topic has when it is published.
  for (const [name, fn] of functions) {
    if (fn.trigger.kind === "queue") queueOf(fn.trigger.topic).attach(name, lazyHandler(fn as AppFunction<S, "queue">, instance));
  }
  // An object function's bucket is a folder (SKYPORT_BUCKET_DIR), polled for new files under its prefix.
  const watchers: BucketWatcher[] = [];
  const bucketDir = read.string("SKYPORT_BUCKET_DIR", DEFAULT_BUCKET_DIR);
  const schedules = new Map<string, () => Promise<unknown>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let url: string | undefined;
  let server: ReturnType<typeof localHttpServer> | undefined;
  // Each function's lines name it (the dashboard filters by it).
  for (const [name, fn] of functions) {
    if (fn.trigger.kind === "http") {
      server = localHttpServer(lazyHandler(fn as AppFunction<S, "http">, instance), logger.child({ function: name }));
      server.listen(port, host);
      await once(server, "listening").catch(async (error: NodeJS.ErrnoException) => {
        await instance.close?.();
        throw error.code === "EADDRINUSE" ? portTaken(port, host) : error;
      });
      url = `http://${host}:${(server.address() as AddressInfo).port}`;
    } else if (fn.trigger.kind === "stream") {
      const functionLogger = logger.child({ function: name });
      const stream = new InProcessStream(fn.trigger.stream, () => functionLogger, { file: queueFile, deadLetterFile });
      stream.attach(lazyHandler(fn as AppFunction<S, "stream">, instance));
      // Records a producer outside the server puts in the queue file (`skyport put-records`) are picked up too.
      stream.watch(DEFAULT_STREAM_POLL_MS);
      streams.set(fn.trigger.stream, stream);
    } else if (fn.trigger.kind === "object") {
      const { bucket, prefix } = fn.trigger;
      const dir = bucketDir;
      const pollMs = read.integer("SKYPORT_BUCKET_POLL_MS", 10, 3_600_000, DEFAULT_BUCKET_POLL_MS);
      const handler = lazyHandler(fn as AppFunction<S, "object">, instance);
      watchers.push(
        new BucketWatcher(name, { name: bucket, dir, prefix }, folderObjects(dir), handler, logger.child({ function: name }), { pollMs, deadLetterFile }),
      );
    } else if (fn.trigger.kind === "schedule") {
      const functionLogger = logger.child({ function: name });
      const handler = lazyHandler(fn as AppFunction<S, "schedule">, instance);
      const run = async () => (await handler())({ scheduledAt: new Date() }, { requestId: `${name}-${Date.now()}`, cloud: "local", logger: functionLogger });
      schedules.set(name, run);
      const { schedule } = fn.trigger;
      // A timer waits at most MAX_TIMER_MS (Node's limit); one due later sleeps in steps until it is due.
      const arm = (due: number) => {
        const timer = setTimeout(
          () => {
            if (Date.now() < due) return arm(due);
            arm(nextRun(schedule, new Date()).getTime());
            run().catch((error) => logger.error("scheduled run failed", { function: name, error: String(error) }));
          },
          Math.min(MAX_TIMER_MS, Math.max(0, due - Date.now())),
        );
        timers.set(name, timer.unref());
      };
      arm(nextRun(schedule, new Date()).getTime());
    }
  }
  for (const poller of pollers) poller.start();
  for (const watcher of watchers) await watcher.start();
  const run = async (name: string) => {
    const scheduled = schedules.get(name);
    if (!scheduled) throw new Error(`${app.name} has no scheduled function ${JSON.stringify(name)}`);
    return scheduled();
  };
  let dashboard: Dashboard | undefined;
  if (logLines && dashboardPort !== undefined) {
    const runtime = {
      app: app as App<unknown>,
      url,
      queue: queueOf,
      streams,
      run,
      watchers,
      pollers,
      documents: instance.documents,
      queueFile,
      deadLetterFile,
      bucketDir,
    };
    // A tool beside the app: the app serves without it rather than not at all.
    dashboard = await startDashboard(runtime, logLines, dashboardPort).catch((error: unknown) => {
      logger.error("dashboard not served", { error: String(error) });
      return undefined;
    });
  }
  logger.info("listening", {
    app: app.name,
    url,
    ...(dashboard ? { dashboard: dashboard.url } : {}),
    functions: functions.map(([name, fn]) => `${name} (${fn.trigger.kind})`),
  });

  return {
    url,
    dashboardUrl: dashboard?.url,
    queue: queueOf,
    stream(name) {
      const stream = streams.get(name);
      if (!stream) throw new Error(`${app.name} has no function that reads the stream ${JSON.stringify(name)}`);
      return stream;
    },
    run,
    async settle() {
      for (const watcher of watchers) await watcher.settle();
      for (const poller of pollers) await poller.settle();
      // Streams first: a stream function may publish to a queue.
      for (const stream of streams.values()) await stream.drain();
      for (const queue of queues.values()) await queue.drain();
    },
    async close() {
      for (const timer of timers.values()) clearTimeout(timer);
      await dashboard?.close();
      if (server) {
        const closed = once(server, "close");
        server.close();
        server.closeIdleConnections();
        await closed;
      }
      for (const watcher of watchers) await watcher.stop();
      for (const stream of streams.values()) stream.unwatch();
      // Changes committed by the last requests are handed on before the queues drain; what is left stays in the outbox.
      for (const poller of pollers) await poller.settle();
      for (const poller of pollers) await poller.stop();
      // Streams first: a stream function may publish to a queue.
      for (const stream of streams.values()) await stream.drain();
      for (const queue of queues.values()) await queue.drain();
      queueFile.close();
      await instance.close?.();
      logger.info("stopped");
      logLines?.stop();
    },
  };
}
