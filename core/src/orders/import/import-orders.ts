import { createHash } from "node:crypto";
import { pastDeadline } from "../../function/deadline.js";
import type { Context } from "../../function/context.js";
import type { CreatedObject, ObjectHandler } from "../../function/object.js";
import type { ObjectStore } from "../../ports/object-store.js";
import type { OrderDeps } from "../deps.js";
import { csvItems } from "./csv-orders.js";
import { createImportedOrder, importedOrderIds } from "./imported-order.js";
import { FileRejected, type ImportItem } from "./items.js";
import { jsonlItems } from "./jsonl.js";
import { reportNameOf, type ImportReport, type RejectedOrder } from "./report.js";
import { scanObject } from "./scan.js";
import { readImportSettings, type ImportSettings } from "./settings.js";

/** How many orders of a file are created at once. */
export const IMPORT_WINDOW = 16;

const FORMATS: Record<string, (chunks: AsyncIterable<Uint8Array>) => AsyncGenerator<ImportItem>> = { ".jsonl": jsonlItems, ".csv": csvItems };

/**
 * The invocation ran out of time before the file was done: it fails so that the cloud delivers the
 * event again, and the next run replays what this one created (the same order ids) and goes on from there.
 */
export class ImportIncomplete extends Error {
  constructor(
    readonly object: string,
    readonly reason: string,
  ) {
    super(`import of ${object} incomplete: ${reason}; it resumes when the event is delivered again`);
    this.name = "ImportIncomplete";
  }
}

/**
 * The bulk import (API.md, Bulk import): each order of `imports/*.jsonl` or `imports/*.csv`
 * validated as `POST /orders` validates it and created under the id its import key names (from
 * the bucket, the object, its content hash and the order's line or orderRef): one store call an
 * order (imported-order.ts says why); then the report.
 */
export function importOrders(deps: OrderDeps, settings: ImportSettings = readImportSettings(process.env)): ObjectHandler {
  return async (object, bucket, context) => {
    const extension = object.name.slice(object.name.lastIndexOf(".")).toLowerCase();
    const items = FORMATS[extension];
    if (!items) {
      context.logger.info("not an import file, skipped", { object: object.name });
      return undefined;
    }
    const report = await importObject(deps, settings, object, bucket, items, context);
    await bucket.write(reportNameOf(object.name), `${JSON.stringify(report, null, 2)}\n`, "application/json");
    context.logger.info("import done", { object: object.name, ...("error" in report ? { error: report.error } : counts(report)) });
    return report;
  };
}

async function importObject(
  deps: OrderDeps,
  { maxBytes }: ImportSettings,
  object: CreatedObject,
  bucket: ObjectStore,
  items: (chunks: AsyncIterable<Uint8Array>) => AsyncGenerator<ImportItem>,
  context: Context,
): Promise<ImportReport> {
  if (object.size !== undefined && object.size > maxBytes) {
    return { object: object.name, error: `The file is larger than ${maxBytes} bytes (SKYPORT_IMPORT_MAX_BYTES).` };
  }
  const scan = await scanObject(await bucket.read(object.name), maxBytes);
  if (!scan.ok) return { object: object.name, error: scan.error };
  const contentHash = object.contentHash ?? `sha256:${scan.sha256}`;
  const rejected: RejectedOrder[] = [];
  let created = 0;
  let replayed = 0;
  // Up to IMPORT_WINDOW orders are created at once (each one store call); their outcomes are kept by line.
  const inFlight = new Set<Promise<void>>();
  const orderId = importedOrderIds(deps, context);
  let failure: { error: unknown } | undefined;
  let cutAt: number | undefined;
  try {
    // The second read: the first (scanObject) must end before any order, so an oversized or non-UTF-8 file creates none and every key has the hash.
    for await (const item of items(await bucket.read(object.name))) {
      if (item.errors) {
        rejected.push(rejection(item, item.errors));
        continue;
      }
      if (failure) break;
      // Stop between orders, never inside one: the redelivery replays the orders made so far.
      if (pastDeadline(context.deadline)) {
        cutAt = item.line;
        break;
      }
      const task: Promise<void> = createImportedOrder(deps, context, item.body, () => orderId(importKey(object, contentHash, item))).then(
        (outcome) => {
          if (outcome === "created") created += 1;
          else if (outcome === "replayed") replayed += 1;
          else rejected.push(rejection(item, outcome));
        },
        (error: unknown) => {
          failure ??= { error };
        },
      );
      inFlight.add(task);
      task.finally(() => inFlight.delete(task));
      if (inFlight.size >= IMPORT_WINDOW) await Promise.race(inFlight);
    }
  } catch (error) {
    await Promise.all(inFlight);
    if (error instanceof FileRejected) return { object: object.name, contentHash, error: error.reason };
    throw error;
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  if (cutAt !== undefined) throw new ImportIncomplete(object.name, `deadline reached at line ${cutAt}`);
  rejected.sort((a, b) => a.line - b.line);
  return { object: object.name, contentHash, created, replayed, rejected };
}

/** The order's import key, whatever the names it is made of: the same on every delivery of the same file; its order's id derives from it. */
export function importKey(object: CreatedObject, contentHash: string, item: ImportItem): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([object.bucket, object.name, contentHash, item.id]))
    .digest("hex");
  return `import-${digest}`;
}

function rejection(item: ImportItem, errors: RejectedOrder["errors"]): RejectedOrder {
  return { line: item.line, ...(item.orderRef === undefined ? {} : { orderRef: item.orderRef }), errors };
}

function counts(report: { created: number; replayed: number; rejected: unknown[] }) {
  return { created: report.created, replayed: report.replayed, rejected: report.rejected.length };
}
