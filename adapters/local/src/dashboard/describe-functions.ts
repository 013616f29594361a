import { functionsOf, nextRun, type App } from "@skyport/core";

/** A function as the dashboard lists it: its trigger in words, and what firing it takes. */
export interface FunctionView {
  name: string;
  kind: string;
  /** The routes, topic, schedule, stream, collection, or bucket and prefix. */
  trigger: Record<string, unknown>;
  /** A schedule's next run (ISO). */
  nextRun?: string;
}

export function describeFunctions(app: App<unknown>, now = new Date()): FunctionView[] {
  return functionsOf(app).map(([name, fn]) => {
    const trigger = fn.trigger;
    switch (trigger.kind) {
      case "http":
        return { name, kind: "http", trigger: { routes: (trigger.routes ?? []).map((route) => ({ method: route.method, path: route.path })) } };
      case "queue":
        return { name, kind: "queue", trigger: { topic: trigger.topic, types: trigger.types } };
      case "schedule":
        return { name, kind: "schedule", trigger: { schedule: trigger.expression }, nextRun: nextRun(trigger.schedule, now).toISOString() };
      case "stream":
        return { name, kind: "stream", trigger: { stream: trigger.stream } };
      case "changes":
        return { name, kind: "changes", trigger: { collection: trigger.collection } };
      case "object":
        return { name, kind: "object", trigger: { bucket: trigger.bucket, prefix: trigger.prefix } };
      default:
        return { name, kind: (trigger as { kind: string }).kind, trigger: {} };
    }
  });
}
