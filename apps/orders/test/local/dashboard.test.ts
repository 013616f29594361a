import { join } from "node:path";
import type { Env } from "@skyport/core";
import { startLocalApp, type LocalApp } from "@skyport/local";
import { DashboardPage, launchChromium, openLoopbackPage, type LoopbackPage } from "@skyport/local/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import app from "../../src/app.js";
import localWiring from "../../src/local.js";
import { temporaryDirectory } from "./temporary-directory.js";

/** The README shows one of these: `npm run screenshots` writes them there; any other run keeps them beside its files. */
const DOCS_SCREENSHOTS = new URL("../../../../docs/screenshots/", import.meta.url).pathname;

/** A shipment record as a warehouse puts it on the shipments stream. */
const shipment = (orderId: string, carrier: string) =>
  JSON.stringify({ type: "shipment.dispatched", orderId, shipmentId: "shp-1", carrier, trackingNumber: "TRK-1", dispatchedAt: "2026-12-01T10:00:00Z" });

describe("the order service's dashboard, in headless Chromium", () => {
  const dir = temporaryDirectory();
  const env: Env = {
    ...process.env,
    PORT: "0",
    SKYPORT_DASHBOARD_PORT: "0",
    SKYPORT_SQLITE_PATH: join(dir, "orders.db"),
    SKYPORT_QUEUE_PATH: join(dir, "queues.db"),
    SKYPORT_DEAD_LETTER_FILE: join(dir, "dead-letters.jsonl"),
    SKYPORT_BUCKET_DIR: join(dir, "bucket"),
  };
  const SCREENSHOTS = process.env.SKYPORT_SCREENSHOTS === "docs" ? DOCS_SCREENSHOTS : join(dir, "screenshots");
  let local: LocalApp;
  let browser: Browser;
  let tab: LoopbackPage;
  let dashboard: DashboardPage;
  let orderId: string;

  beforeAll(async () => {
    local = await startLocalApp(app, localWiring, env);
    browser = await launchChromium();
    tab = await openLoopbackPage(browser);
    dashboard = new DashboardPage(tab.page, local.dashboardUrl!);
  });
  afterAll(async () => {
    await browser?.close();
    await local?.close();
  });

  it("lists every function with its trigger", async () => {
    await dashboard.open("functions");
    const text = async (name: string) => dashboard.card(name).locator(".trigger").textContent();
    expect(await text("api")).toContain("POST /orders");
    expect(await text("confirm")).toBe("topic orders (order.created)");
    expect(await text("cleanup")).toMatch(/^every 1 hour, next run /);
    expect(await text("ship")).toBe("stream shipments");
    expect(await text("import")).toBe("bucket orders-imports, prefix imports/");
    expect(await dashboard.card("outbox").textContent()).toContain("changes");
    await dashboard.screenshot(SCREENSHOTS, "functions");
  });

  it("creates an order, and its timeline shows it announced by the outbox and confirmed", async () => {
    const answer = await dashboard.fire("api", {
      Method: "POST",
      Path: "/orders",
      "Body (JSON)": JSON.stringify({ customerId: "cust-dash", currency: "EUR", items: [{ sku: "SKU-1", quantity: 2, unitPrice: 5 }] }),
    });
    expect(answer).toContain('"status": 201');
    orderId = /"id": "(ord_[0-9A-Z]+)"/.exec(answer)![1]!;

    await dashboard.open("logs");
    const created = tab.page.locator("ol.log li", { hasText: "order created" }).filter({ hasText: orderId });
    await tab.page.locator("ol.log li", { hasText: "order confirmed" }).filter({ hasText: orderId }).waitFor();
    await dashboard.screenshot(SCREENSHOTS, "logs");
    await created.locator("a.trace").click();
    const timeline = tab.page.getByLabel("timeline");
    // The POST's trace, and the outbox's (joined by the order's id), in the order they happened.
    await timeline.locator("li", { hasText: "order confirmed" }).waitFor();
    const messages = await timeline.locator("li .message").allTextContents();
    expect(messages).toEqual(expect.arrayContaining(["order created", "request", "order.created published", "order confirmed"]));
    expect(messages.indexOf("order created")).toBeLessThan(messages.indexOf("order.created published"));
    expect(messages.indexOf("order.created published")).toBeLessThan(messages.indexOf("order confirmed"));
    await dashboard.screenshot(SCREENSHOTS, "timeline");
  });

  it("shows the order as stored, with its version", async () => {
    await dashboard.open("collections");
    await tab.page.getByLabel("Partition: id").fill(orderId);
    await tab.page.getByRole("button", { name: "Browse" }).click();
    await tab.page.getByLabel("documents").getByRole("button").click();
    const shown = await dashboard.answer(tab.page.locator(".document"));
    expect(shown).toMatch(/version \S+/);
    expect(JSON.parse(shown.slice(shown.indexOf("{")))).toMatchObject({ id: orderId, status: "confirmed" });
  });

  it("dead-letters a shipment record with a mistake, with its error; corrected and replayed, it ships the order", async () => {
    await dashboard.open("functions");
    const answer = await dashboard.fire("ship", { "Partition key": orderId, "Record data (JSON)": shipment(orderId, "") });
    expect(answer).toContain('"reason": "poison"');

    await dashboard.open("dead-letters");
    const row = tab.page.getByLabel("dead letters").locator("tbody tr", { hasText: "shipments" });
    expect(await row.locator("p.error").textContent()).toContain("PoisonMessage: invalid shipment record: carrier is not 1-64 printable characters");
    await dashboard.screenshot(SCREENSHOTS, "dead-letters");
    await row.locator("textarea").fill(shipment(orderId, "DHL"));
    await row.getByRole("button", { name: /^Replay/ }).click();
    expect(await dashboard.answer(tab.page.getByLabel("replay result"))).toContain('"deadLetters": []');
    await tab.page.getByText("No dead letters.").waitFor();

    await dashboard.open("collections");
    await tab.page.getByLabel("Partition: id").fill(orderId);
    await tab.page.getByRole("button", { name: "Browse" }).click();
    await tab.page.getByLabel("documents").getByRole("button").click();
    expect(await dashboard.answer(tab.page.locator(".document"))).toContain('"status": "shipped"');
  });

  it("imports a file dropped into the bucket: its orders are in the customer's partition", async () => {
    await dashboard.open("functions");
    const csv = "orderRef,customerId,currency,sku,quantity,unitPrice\nr1,cust-import,EUR,SKU-9,1,7\nr2,cust-import,EUR,SKU-8,3,2\n";
    expect(await dashboard.fire("import", { "File name": "dashboard.csv", Content: csv })).toContain('"object": "imports/dashboard.csv"');

    await dashboard.open("collections");
    await tab.page.getByLabel("By").selectOption("by-customer");
    await tab.page.getByLabel("Partition: customerId").fill("cust-import");
    await tab.page.getByRole("button", { name: "Browse" }).click();
    await expect.poll(() => tab.page.getByLabel("documents").locator("tbody tr").count()).toBe(2);
    await tab.page.getByLabel("documents").getByRole("button").first().click();
    expect(await dashboard.answer(tab.page.locator(".document"))).toContain('"customerId": "cust-import"');
    await dashboard.screenshot(SCREENSHOTS, "collections");
  });

  it("publishes to the topic, runs the schedule now and hands a change on, showing the batch result and the run's", async () => {
    await dashboard.open("functions");
    expect(await dashboard.fire("confirm", { "Event (JSON)": JSON.stringify({ type: "order.created", orderId }) })).toContain('"failed": []');
    // Poison: no order id. The batch result says so, and the message is dead-lettered at once.
    expect(await dashboard.fire("confirm", { "Event (JSON)": JSON.stringify({ type: "order.created" }) })).toContain('"retryable": false');
    expect(await dashboard.fire("cleanup")).toContain('"result"');
    // A change handed to the outbox as its feed would: the order is announced again, which confirm ignores.
    const change = { Operation: "insert", Key: orderId, "Document (JSON)": JSON.stringify({ id: orderId, version: 1 }) };
    expect(await dashboard.fire("outbox", change)).toContain('"failed": []');
    await dashboard.open("logs");
    await expect.poll(() => tab.page.locator("ol.log li", { hasText: "order.created published" }).filter({ hasText: orderId }).count()).toBe(2);
    await dashboard.open("functions");
    await dashboard.open("waiting");
    await dashboard.screenshot(SCREENSHOTS, "queues");
    await dashboard.open("logs");
    await tab.page.getByLabel("Level").selectOption("error");
    await tab.page.locator("ol.log li", { hasText: "message dead-lettered" }).waitFor();
    expect(await tab.page.locator("ol.log li .level").allTextContents()).toEqual(expect.arrayContaining(["error"]));
    expect(new Set(await tab.page.locator("ol.log li .level").allTextContents())).toEqual(new Set(["error"]));
  });

  it("loaded nothing from off this machine and raised no error in the page", () => {
    expect(tab.offLoopback).toEqual([]);
    expect(tab.errors).toEqual([]);
  });
});
