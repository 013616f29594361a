// An app on one machine: its routes on node:http, its queues and streams in process (kept in an SQLite file), its schedules on timers.
export { startLocalApp, type LocalApp } from "./local-app.js";
export { runLocalApp } from "./run.js";
export { invokeFunction, type HttpEvent, type Invocation } from "./invoke.js";
export { InProcessQueue, MAX_ATTEMPTS, DEFAULT_DEAD_LETTER_FILE, readDeadLetters, type DeadLetter } from "./in-process-queue.js";
export { InProcessStream, DEFAULT_STREAM_POLL_MS, type PutRecord } from "./in-process-stream.js";
export { openQueueFile, DEFAULT_QUEUE_PATH, type QueueFile } from "./queue-file.js";
export { localHttpServer, fromIncomingMessage } from "./http-server.js";
export { folderObjects, DEFAULT_BUCKET_DIR } from "./folder-bucket.js";
export { BucketWatcher, DEFAULT_BUCKET_POLL_MS, MAX_OBJECT_ATTEMPTS } from "./bucket-watcher.js";
export { localSecrets, DEFAULT_SECRETS_DIR } from "./local-secrets.js";
