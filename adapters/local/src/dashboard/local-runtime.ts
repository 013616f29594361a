import type { App, Documents } from "@skyport/core";
import type { BucketWatcher } from "../bucket-watcher.js";
import type { ChangeFeedPoller } from "../change-feed-poller.js";
import type { InProcessQueue } from "../in-process-queue.js";
import type { InProcessStream } from "../in-process-stream.js";
import type { QueueFile } from "../queue-file.js";

/** What the local server runs, as the dashboard sees it: the app, and the parts that feed its functions. */
export interface LocalRuntime {
  app: App<unknown>;
  /** The HTTP function's address, when the app has one. */
  url?: string;
  queue(topic: string): InProcessQueue;
  streams: ReadonlyMap<string, InProcessStream>;
  /** A scheduled function's run, now. */
  run(name: string): Promise<unknown>;
  watchers: readonly BucketWatcher[];
  pollers: readonly ChangeFeedPoller[];
  documents?: Documents;
  queueFile: QueueFile;
  deadLetterFile: string;
  /** The folder that is the local bucket (SKYPORT_BUCKET_DIR). */
  bucketDir: string;
}
