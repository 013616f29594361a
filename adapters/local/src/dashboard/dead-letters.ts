import { functionsOf, type Change, type Message } from "@skyport/core";
import { type DeadLetter, readDeadLetters, removeDeadLetter } from "../in-process-queue.js";
import type { LocalRuntime } from "./local-runtime.js";
import type { LogLine } from "./log-lines.js";
import { badInput, DashboardProblem, notFound } from "./problem.js";

/** A dead letter as the dashboard lists it: its place in the file, and the error its last attempt logged. */
export interface DeadLetterView extends DeadLetter {
  index: number;
  error?: unknown;
}

/** The fields a failure's log line names the dead letter's message by: a queue's, a stream's, a change's, an object's. */
const FAILED_ID_FIELDS = ["messageId", "position", "changeId", "object"];

/** Every dead letter in the file, oldest first, each with the error of the last failure logged for it. */
export function deadLetterViews(runtime: LocalRuntime, lines: readonly LogLine[]): DeadLetterView[] {
  return readDeadLetters(runtime.deadLetterFile).map((letter, index) => ({ ...letter, index, error: lastError(letter.message, lines) }));
}

function lastError(message: Message, lines: readonly LogLine[]): unknown {
  const objectName = message.id.includes("@") ? message.id.slice(0, message.id.lastIndexOf("@")) : undefined;
  for (let at = lines.length - 1; at >= 0; at--) {
    const line = lines[at]!;
    if (line.error === undefined) continue;
    if (FAILED_ID_FIELDS.some((field) => line[field] === message.id || (objectName !== undefined && line[field] === objectName))) return line.error;
  }
  return undefined;
}

/**
 * Sends the dead letter at `index` back to where it came from (its topic's consumers, its stream,
 * its collection's changes function, its bucket's function) and takes it out of the file; if it
 * fails again it is dead-lettered again. A message or record may go back with a corrected `body`
 * (poison that a person fixed); a change or an object goes back as it was.
 */
export async function replay(runtime: LocalRuntime, index: number, id: string | undefined, body: string | undefined): Promise<unknown> {
  const letter = readDeadLetters(runtime.deadLetterFile)[index];
  if (!letter) throw notFound(`no dead letter at ${index}`);
  // The file may have changed since the page read it: the id says it is still the same letter.
  if (id !== undefined && letter.message.id !== id)
    throw new DashboardProblem(409, "Conflict", `the dead letter at ${index} is ${letter.message.id} now, not ${id}`);
  const corrected = body === undefined ? letter : { ...letter, message: { ...letter.message, body } };
  if (body !== undefined && letter.topic.includes(":"))
    throw badInput(`a ${letter.topic.split(":")[0]} dead letter goes back as it was, without a corrected body`);
  const send = destination(runtime, corrected);
  // Out of the file before it is sent: a failure dead-letters it again, as a new letter.
  removeDeadLetter(runtime.deadLetterFile, index);
  return send();
}

/** Where a dead letter goes back to, found before it leaves the file. */
function destination(runtime: LocalRuntime, letter: DeadLetter): () => Promise<unknown> {
  const [kind, source] = letter.topic.includes(":") ? letter.topic.split(":", 2) : ["queue", letter.topic];
  if (kind === "changes") {
    const poller = runtime.pollers.find((p) => p.collection === source);
    if (!poller) throw notFound(`no function reads the ${source} change feed`);
    return () => poller.resend(JSON.parse(letter.message.body) as Change);
  }
  if (kind === "objects") {
    const { name } = JSON.parse(letter.message.body) as { name: string };
    const watcher = runtime.watchers.find((w) => w.bucket.name === source && name.startsWith(w.bucket.prefix));
    if (!watcher) throw notFound(`no function reads ${name} in the bucket ${source}`);
    return async () => {
      await watcher.resend(name);
      return { object: name };
    };
  }
  const stream = runtime.streams.get(letter.topic);
  if (stream) return () => stream.put([{ partitionKey: letter.message.attributes?.partitionKey ?? "", data: letter.message.body }]);
  if (!functionsOf(runtime.app).some(([, fn]) => fn.trigger.kind === "queue" && fn.trigger.topic === letter.topic)) {
    throw notFound(`no function consumes the topic ${letter.topic}`);
  }
  const queue = runtime.queue(letter.topic);
  return async () => {
    queue.resend(letter.message);
    return { resent: letter.message.id };
  };
}
