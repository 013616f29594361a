import { MAX_BODY_BYTES } from "../../http/body.js";
import type { FieldError } from "../../http/problem.js";
import { MAX_ITEMS } from "../schema.js";
import { CsvReader, type CsvRecord } from "./csv.js";
import { FileRejected, type ImportItem } from "./items.js";

/** The header of an import CSV: one row per item, consecutive rows of one `orderRef` making one order. */
export const CSV_HEADER = ["orderRef", "customerId", "currency", "sku", "quantity", "unitPrice"] as const;
const INTEGER = /^(?:0|[1-9][0-9]{0,14})$/;

interface Group {
  ref: string;
  line: number;
  /** The order's last row so far. */
  last: number;
  customerId: string;
  currency: string;
  items: Record<string, unknown>[];
  errors: FieldError[];
}

/**
 * `*.csv`: the header, then one row per item; consecutive rows sharing an `orderRef` are one
 * order. Rows of an `orderRef` whose order ended earlier in the file are refused, not joined to
 * it: read as a stream, that order may be created already. Each order becomes the `POST /orders`
 * body the API would take (numbers as numbers where they are integers, as text otherwise, so the
 * API's validation words the error).
 */
export async function* csvItems(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ImportItem> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const reader = new CsvReader(MAX_BODY_BYTES);
  /** The rows of each order that has ended, by orderRef: the first order of a ref that comes back. */
  const ended = new Map<string, { first: number; last: number }>();
  let header = true;
  let group: Group | undefined;

  function* take(records: CsvRecord[]): Generator<ImportItem> {
    for (const record of records) {
      if (header) {
        header = false;
        if (record.error !== undefined || record.fields.join(",") !== CSV_HEADER.join(",")) {
          throw new FileRejected(`The first line must be the header ${CSV_HEADER.join(",")}.`);
        }
        continue;
      }
      const ref = record.error === undefined ? (record.fields[0] ?? "") : "";
      const broken =
        record.error ??
        (ref === ""
          ? "orderRef is empty"
          : record.fields.length !== CSV_HEADER.length
            ? `the row has ${record.fields.length} fields; the header has ${CSV_HEADER.length}`
            : undefined);
      if (group && ref === group.ref && broken !== undefined) {
        // A broken row of an order refuses the whole order: never one created without a row it was given.
        group.errors.push({ path: "", message: `line ${record.line}: ${broken}` });
        group.last = record.line;
        continue;
      }
      if (group && ref !== group.ref) {
        if (!ended.has(group.ref)) ended.set(group.ref, { first: group.line, last: group.last });
        yield itemOf(group);
        group = undefined;
      }
      if (broken !== undefined) {
        yield { line: record.line, ...(ref === "" ? {} : { orderRef: ref }), id: `line:${record.line}`, errors: [{ path: "", message: broken }] };
        continue;
      }
      const [, customerId, currency, sku, quantity, unitPrice] = record.fields as [string, string, string, string, string, string];
      if (!group) {
        group = { ref, line: record.line, last: record.line, customerId, currency, items: [], errors: [] };
        const earlier = ended.get(ref);
        if (earlier) group.errors.push({ path: "/orderRef", message: notNextTo(ref, record.line, earlier) });
      }
      group.last = record.line;
      const index = group.items.length;
      if (customerId !== group.customerId) group.errors.push({ path: "/customerId", message: `differs from the order's first row (line ${group.line})` });
      if (currency !== group.currency) group.errors.push({ path: "/currency", message: `differs from the order's first row (line ${group.line})` });
      // One past the limit is enough for the API's validation to refuse the list.
      if (index <= MAX_ITEMS) group.items.push({ sku, quantity: numberOf(quantity), unitPrice: numberOf(unitPrice) });
    }
  }

  for await (const chunk of chunks) yield* take(reader.push(decoder.decode(chunk, { stream: true })));
  yield* take(reader.push(decoder.decode()));
  yield* take(reader.end());
  if (header) throw new FileRejected(`The file is empty: the first line must be the header ${CSV_HEADER.join(",")}.`);
  if (group) yield itemOf(group);
}

function itemOf(group: Group): ImportItem {
  const base = { line: group.line, orderRef: group.ref, id: `ref:${group.ref}` };
  if (group.errors.length > 0) return { ...base, errors: group.errors };
  const body = { customerId: group.customerId, currency: group.currency, items: group.items };
  return { ...base, body: Buffer.from(JSON.stringify(body)) };
}

function notNextTo(ref: string, line: number, { first, last }: { first: number; last: number }): string {
  const rows = first === last ? `line ${first}, which ended there` : `lines ${first}-${last}, which ended on line ${last}`;
  return `orderRef ${ref} on line ${line} continues the order of ${rows}: rows of one order must be next to each other`;
}

function numberOf(text: string): number | string {
  return INTEGER.test(text) ? Number(text) : text;
}
