import type { Json } from "./cloudformation-yaml.js";

/** A value as JSON with every object's keys sorted: two templates' values compare equal whatever order they list keys in. */
export function canonical(value: Json | undefined): string {
  return JSON.stringify(value ?? null, (_key, inner: Json) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
