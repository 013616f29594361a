import { describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  defineApp,
  http,
  json,
  lazyHandler,
  queue,
  routeMessages,
  schedule,
  silentLogger,
  PoisonMessage,
  type Context,
} from "../src/index.js";

const context: Context = { requestId: "r1", cloud: "local", logger: silentLogger };
const noRoutes = http(() => []);

describe("an app is a declaration", () => {
  it("keeps each function's trigger, as the build and the templates read it", () => {
    const app = defineApp({
      name: "greeter",
      functions: {
        api: noRoutes,
        greet: queue("greetings", { "greeting.requested": () => async () => {} }, { publishes: ["audit"] }),
        tidy: schedule("0 3 * * 1-5", () => async () => undefined),
      },
    });
    expect(Object.keys(app.functions)).toEqual(["api", "greet", "tidy"]);
    expect(app.functions.greet.trigger).toEqual({ kind: "queue", topic: "greetings", types: ["greeting.requested"] });
    expect(app.functions.greet.publishes).toEqual(["audit"]);
    expect(app.functions.tidy.trigger).toMatchObject({ kind: "schedule", expression: "0 3 * * 1-5", schedule: { kind: "cron", dayOfWeek: "1-5" } });
  });

  it("refuses names no cloud would take, naming what it allows", () => {
    expect(() => defineApp({ name: "Orders", functions: { api: noRoutes } })).toThrow(AppDeclarationError);
    expect(() => defineApp({ name: "orders", functions: { "send-mail": noRoutes } })).toThrow(/camelCase/);
    expect(() => defineApp({ name: "orders", functions: {} })).toThrow(/declares no function/);
    expect(() => queue("Orders_Queue", { a: () => async () => {} })).toThrow(/queue topic "Orders_Queue"/);
    expect(() => defineApp({ name: "orders", functions: { api: http(() => [], { publishes: ["UPPER"] }) } })).toThrow(/publishes to "UPPER"/);
  });

  it("refuses two http functions: each cloud's front door serves one route table", () => {
    expect(() => defineApp({ name: "orders", functions: { a: noRoutes, b: noRoutes } })).toThrow(/2 http functions \(a, b\)/);
  });

  it("binds a function to the instance's services once, and again after a failed start", async () => {
    let builds = 0;
    const fn = http((s: { greeting: string }) => [{ path: "/", methods: { GET: async () => json(200, s.greeting) } }]);
    let fail = true;
    const handler = lazyHandler(fn, {
      logger: silentLogger,
      services: async () => {
        builds++;
        if (fail) throw new Error("store unreachable");
        return { greeting: "hi" };
      },
    });
    await expect(handler()).rejects.toThrow("store unreachable");
    fail = false;
    const [a, b] = await Promise.all([handler(), handler()]);
    expect(a).toBe(b);
    expect(builds).toBe(2);
    const response = await a({ method: "GET", path: "/", query: new URLSearchParams(), headers: {} }, context);
    expect(response.body).toBe('"hi"');
  });
});

describe("a queue function routes each message by its type", () => {
  const seen: string[] = [];
  const consume = routeMessages("greetings", {
    "greeting.requested": async (event) => void seen.push(String(event.name)),
    "greeting.failed": async () => {
      throw new Error("mail server down");
    },
    "greeting.poisoned": async () => {
      throw new PoisonMessage("no such person");
    },
  });
  const message = (id: string, body: unknown) => ({ id, body: typeof body === "string" ? body : JSON.stringify(body), attempt: 1 });

  it("hands each message to its type's consumer and fails each alone: poison never retried, the rest retried", async () => {
    const result = await consume(
      [
        message("ok", { type: "greeting.requested", name: "Ada" }),
        message("retry", { type: "greeting.failed" }),
        message("poison", { type: "greeting.poisoned" }),
        message("unknown", { type: "order.created" }),
        message("not-json", "{"),
        message("no-type", { name: "Ada" }),
        message("proto", { type: "__proto__" }),
      ],
      context,
    );
    expect(seen).toEqual(["Ada"]);
    expect(result.failed).toEqual([
      { id: "retry", retryable: true },
      { id: "poison", retryable: false },
      { id: "unknown", retryable: false },
      { id: "not-json", retryable: false },
      { id: "no-type", retryable: false },
      { id: "proto", retryable: false },
    ]);
  });

  it("retries a message it has no time left for, without running its consumer", async () => {
    seen.length = 0;
    const result = await consume([message("late", { type: "greeting.requested", name: "Bob" })], { ...context, deadline: Date.now() + 10 });
    expect(result.failed).toEqual([{ id: "late", retryable: true }]);
    expect(seen).toEqual([]);
  });
});
