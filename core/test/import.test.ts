import { describe, expect, it } from "vitest";
import { objectCreated } from "../src/app/object-function.js";
import type { Context } from "../src/function/context.js";
import type { CreatedObject } from "../src/function/object.js";
import { MemoryOrderStore } from "../src/orders/storage/memory-order-store.js";
import { CsvReader } from "../src/orders/import/csv.js";
import { ImportIncomplete, importOrders } from "../src/orders/import/index.js";
import { StoreUnavailable } from "../src/ports/errors.js";
import { silentLogger } from "../src/ports/json-logger.js";
import { customerOrderCount, importContract, memoryOrderDeps, uniqueCustomer } from "../src/orders/testing/index.js";
import { MemoryBucket } from "../src/testing/memory-bucket.js";

const BUCKET = "orders-imports";
const context = (deadline?: number): Context => ({ requestId: "import-test", cloud: "local", logger: silentLogger, deadline });

function setup(chunkBytes = 4096, maxBytes = 100 * 1024 * 1024) {
  const orders = new MemoryOrderStore();
  const deps = memoryOrderDeps({ orders });
  const bucket = new MemoryBucket(chunkBytes);
  const handler = objectCreated(BUCKET, "imports/", (d: typeof deps) => importOrders(d, { maxBytes })).bind(deps);
  const drop = async (name: string, content: Uint8Array | string, deadline?: number) => {
    bucket.objects.set(name, typeof content === "string" ? Buffer.from(content) : content);
    const object: CreatedObject = { bucket: BUCKET, name, size: bucket.objects.get(name)!.byteLength };
    return handler(object, bucket, context(deadline));
  };
  const report = (name: string) => JSON.parse(Buffer.from(bucket.objects.get(name)!).toString("utf8"));
  const count = async (customerId: string) => customerOrderCount(orders, customerId);
  return { drop, report, count, bucket, orders };
}

importContract("core over a memory bucket, 7-byte chunks", () => {
  const { drop, report, count, bucket } = setup(7);
  return {
    drop: async (name, content) => void (await drop(`imports/${name}`, content)),
    redeliver: async (name) => void (await drop(`imports/${name}`, bucket.objects.get(`imports/${name}`)!)),
    report: async (name) => report(`reports/${name}.json`),
    countOrders: count,
  };
});

const csv = (customerId: string) =>
  [
    "\uFEFForderRef,customerId,currency,sku,quantity,unitPrice",
    `A-1,${customerId},EUR,SKU-1,2,1000`,
    `A-1,${customerId},EUR,"SKU-2",1,"250"`,
    `"B,2",${customerId},USD,SKU-3,1,99`,
    `C-3,${customerId},EUR,SKU-4,0,100`,
    `"D ""4""",${customerId},EUR,SKU-5,1,"1`,
    `0"`,
    `E-5,${customerId},EUR,SKU-6,1`,
    `A-1,${customerId},EUR,SKU-7,1,100`,
  ].join("\r\n");

describe("a CSV import", () => {
  it("groups consecutive rows by orderRef, reads RFC 4180 quoting and a BOM, and reports rows by line (the header is line 1)", async () => {
    const { drop, report, count } = setup(5);
    const customerId = uniqueCustomer();
    await drop("imports/batch.csv", csv(customerId));
    const result = report("reports/batch.csv.json");
    expect(result).toMatchObject({ object: "imports/batch.csv", created: 2, replayed: 0 });
    expect(result.rejected).toEqual([
      { line: 5, orderRef: "C-3", errors: [{ path: "/items/0/quantity", message: "must be an integer from 1 to 1000" }] },
      { line: 6, orderRef: 'D "4"', errors: [{ path: "/items/0/unitPrice", message: "must be an integer from 0 to 100000000 (minor units)" }] },
      { line: 8, orderRef: "E-5", errors: [{ path: "", message: "the row has 5 fields; the header has 6" }] },
      {
        line: 9,
        orderRef: "A-1",
        errors: [
          {
            path: "/orderRef",
            message: "orderRef A-1 on line 9 continues the order of lines 2-3, which ended on line 3: rows of one order must be next to each other",
          },
        ],
      },
    ]);
    expect(await count(customerId)).toBe(2);
  });

  it("refuses the rows of an orderRef that come after its order ended (not next to it), naming both; the first order is created as it was", async () => {
    const { drop, report, orders } = setup(3);
    const customerId = uniqueCustomer();
    const row = (ref: string, sku: string) => `${ref},${customerId},EUR,${sku},1,100`;
    const file = [
      "orderRef,customerId,currency,sku,quantity,unitPrice",
      row("N-1", "A"),
      row("N-1", "B"),
      row("N-2", "C"),
      row("N-1", "D"),
      row("N-2", "E"),
      row("N-1", "F"),
    ];
    await drop("imports/apart.csv", `${file.join("\n")}\n`);
    const refused = (line: number, ref: string, earlier: string) => ({
      line,
      orderRef: ref,
      errors: [
        { path: "/orderRef", message: `orderRef ${ref} on line ${line} continues the order of ${earlier}: rows of one order must be next to each other` },
      ],
    });
    expect(report("reports/apart.csv.json")).toMatchObject({
      created: 2,
      rejected: [
        refused(5, "N-1", "lines 2-3, which ended on line 3"),
        refused(6, "N-2", "line 4, which ended there"),
        refused(7, "N-1", "lines 2-3, which ended on line 3"),
      ],
    });
    const { items } = await orders.listByCustomer(customerId, { limit: 10 });
    expect(items.map((order) => order.items.map((item) => item.sku)).sort()).toEqual([["A", "B"], ["C"]]);
  });

  it("rejects a file with a wrong header whole, creating nothing", async () => {
    const { drop, report, count } = setup();
    const customerId = uniqueCustomer();
    await drop("imports/wrong.csv", `orderRef,customer,currency,sku,quantity,unitPrice\nA,${customerId},EUR,S,1,1\n`);
    expect(report("reports/wrong.csv.json")).toEqual({
      object: "imports/wrong.csv",
      contentHash: expect.stringMatching(/^sha256:/),
      error: "The first line must be the header orderRef,customerId,currency,sku,quantity,unitPrice.",
    });
    expect(await count(customerId)).toBe(0);
  });

  it("reads quoted fields across chunk boundaries and lines", () => {
    const text = 'a,"b,""c""\nd",e\r\n\r\n"x"\n"open';
    for (const size of [1, 2, 3, 1000]) {
      const reader = new CsvReader(100);
      const records = [];
      for (let at = 0; at < text.length; at += size) records.push(...reader.push(text.slice(at, at + size)));
      records.push(...reader.end());
      expect(records, `pieces of ${size}`).toEqual([
        { line: 1, fields: ["a", 'b,"c"\nd', "e"] },
        { line: 4, fields: ["x"] },
        { line: 5, fields: [], error: "a quoted field is not closed" },
      ]);
    }
  });
});

describe("a file refused whole", () => {
  it("is not UTF-8: nothing created, the report says why, even when the bad byte comes after valid orders", async () => {
    const { drop, report, count } = setup();
    const customerId = uniqueCustomer();
    const good = JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    await drop("imports/latin1.jsonl", Buffer.concat([Buffer.from(`${good}\n${good}\n`), Buffer.from([0x7b, 0xe9, 0x7d, 0x0a])]));
    expect(report("reports/latin1.jsonl.json")).toEqual({ object: "imports/latin1.jsonl", error: "The file is not UTF-8." });
    expect(await count(customerId)).toBe(0);
  });

  it("is over SKYPORT_IMPORT_MAX_BYTES: nothing created", async () => {
    const { drop, report, count } = setup(4096, 100);
    const customerId = uniqueCustomer();
    const good = JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    await drop("imports/big.jsonl", `${good}\n${good}\n`);
    expect(report("reports/big.jsonl.json")).toEqual({ object: "imports/big.jsonl", error: "The file is larger than 100 bytes (SKYPORT_IMPORT_MAX_BYTES)." });
    expect(await count(customerId)).toBe(0);
  });

  it("is over SKYPORT_IMPORT_MAX_BYTES while read, when its event gives no size: nothing created", async () => {
    const deps = memoryOrderDeps();
    const bucket = new MemoryBucket(16);
    const customerId = uniqueCustomer();
    const good = JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    bucket.objects.set("imports/unsized.jsonl", Buffer.from(`${good}\n${good}\n`));
    const handler = objectCreated(BUCKET, "imports/", (d: typeof deps) => importOrders(d, { maxBytes: 100 })).bind(deps);
    await handler({ bucket: BUCKET, name: "imports/unsized.jsonl" }, bucket, context());
    const report = (name: string) => JSON.parse(Buffer.from(bucket.objects.get(name)!).toString("utf8"));
    const count = async (id: string) => (await deps.orders.listByCustomer(id, { limit: 100 })).items.length;
    expect(report("reports/unsized.jsonl.json")).toEqual({
      object: "imports/unsized.jsonl",
      error: "The file is larger than 100 bytes (SKYPORT_IMPORT_MAX_BYTES).",
    });
    expect(await count(customerId)).toBe(0);
  });
});

describe("an import cut off by its deadline", () => {
  it("stops between orders and resumes on redelivery: every order once, none half-made", async () => {
    const { drop, report, count, bucket } = setup();
    const customerId = uniqueCustomer();
    const line = JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    const content = `${Array.from({ length: 50 }, () => line).join("\n")}\n`;
    // A deadline that passes while the import runs: the first delivery is cut off part way.
    let now = Date.now();
    const realNow = Date.now;
    Date.now = () => (now += 2);
    try {
      await expect(drop("imports/cut.jsonl", content, now + 250 + 40)).rejects.toBeInstanceOf(ImportIncomplete);
    } finally {
      Date.now = realNow;
    }
    const made = await count(customerId);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(50);
    expect(bucket.objects.has("reports/cut.jsonl.json")).toBe(false);
    await drop("imports/cut.jsonl", content);
    expect(report("reports/cut.jsonl.json")).toMatchObject({ created: 50 - made, replayed: made, rejected: [] });
    expect(await count(customerId)).toBe(50);
  });
});

describe("an import whose store fails", () => {
  it("fails without a report, so the event is delivered again; the next delivery makes every order once", async () => {
    const orders = new MemoryOrderStore();
    let calls = 0;
    let down = true;
    const create = orders.create.bind(orders);
    orders.create = async (order) => {
      calls += 1;
      if (down && calls === 5) throw new StoreUnavailable();
      return create(order);
    };
    const deps = memoryOrderDeps({ orders });
    const bucket = new MemoryBucket();
    const handler = objectCreated(BUCKET, "imports/", (d: typeof deps) => importOrders(d, { maxBytes: 1024 * 1024 })).bind(deps);
    const customerId = uniqueCustomer();
    const line = JSON.stringify({ customerId, currency: "EUR", items: [{ sku: "S", quantity: 1, unitPrice: 1 }] });
    bucket.objects.set("imports/flaky.jsonl", Buffer.from(`${Array.from({ length: 40 }, () => line).join("\n")}\n`));
    const object = { bucket: BUCKET, name: "imports/flaky.jsonl" };
    await expect(handler(object, bucket, context())).rejects.toBeInstanceOf(StoreUnavailable);
    expect(bucket.objects.has("reports/flaky.jsonl.json")).toBe(false);
    down = false;
    await handler(object, bucket, context());
    const report = JSON.parse(Buffer.from(bucket.objects.get("reports/flaky.jsonl.json")!).toString("utf8"));
    expect(report.created + report.replayed).toBe(40);
    expect((await orders.listByCustomer(customerId, { limit: 100 })).items).toHaveLength(40);
  });
});

describe("objects outside the prefix", () => {
  it("are skipped: a report written to the bucket never triggers an import", async () => {
    const { drop, bucket } = setup();
    expect(await drop("reports/x.jsonl", "{}\n")).toBeUndefined();
    expect([...bucket.objects.keys()]).toEqual(["reports/x.jsonl"]);
  });
});
