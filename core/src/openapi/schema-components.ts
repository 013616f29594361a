import type { JsonSchema } from "./document.js";

const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
/** Keywords whose value is data, not a schema: an `$id` in an example names nothing. */
const VALUES = new Set(["const", "enum", "default", "examples", "required"]);
/** Keywords whose value maps names (a property's, a definition's) to schemas. */
const MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/**
 * The component schemas of a document made from declared routes: a schema with an `$id` (TypeBox's
 * `{ $id: "Note" }`) is named there once and referenced wherever it is used, nested or not (a
 * `$ref` to its `$id` included); one without stays in place. Two schemas with one name are an error.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly byId = new Map<string, { name: string; json: string }>();

  /** The schema as the document uses it: a reference where it has an `$id`, else itself with its named parts referenced. */
  use(schema: object): JsonSchema {
    this.collect(schema);
    return this.rewrite(schema) as JsonSchema;
  }

  /** Names every `$id` first, so that a `$ref` met before its schema still finds it. */
  private collect(value: unknown, map = false): void {
    if (Array.isArray(value)) for (const item of value) this.collect(item);
    if (!isObject(value)) return;
    if (map) {
      for (const child of Object.values(value)) this.collect(child);
      return;
    }
    const id = value.$id;
    if (typeof id === "string") {
      const json = JSON.stringify(value);
      const known = this.byId.get(id);
      if (known && known.json !== json) throw new Error(`two different schemas have the $id ${JSON.stringify(id)}: name each once`);
      if (!known) {
        const name = componentName(id);
        if ([...this.byId.values()].some((other) => other.name === name)) throw new Error(`two schemas' $ids name the component ${name}`);
        this.byId.set(id, { name, json });
      }
    }
    for (const [key, child] of Object.entries(value)) if (!VALUES.has(key)) this.collect(child, MAPS.has(key));
  }

  private rewrite(value: unknown, map = false): unknown {
    if (Array.isArray(value)) return value.map((item) => this.rewrite(item));
    if (!isObject(value)) return value;
    if (map) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, this.rewrite(child)]));
    const named = typeof value.$id === "string" ? this.byId.get(value.$id) : undefined;
    const ref = typeof value.$ref === "string" ? this.byId.get(value.$ref) : undefined;
    const inner = Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "$id")
        .map(([key, child]) => [key, VALUES.has(key) ? child : this.rewrite(child, MAPS.has(key))]),
    );
    if (ref) inner.$ref = `#/components/schemas/${ref.name}`;
    if (!named) return inner;
    this.schemas[named.name] = inner;
    return { $ref: `#/components/schemas/${named.name}` };
  }
}

/** The component's name: the `$id` itself, or its last segment when it is a URI (`https://example.com/schemas/note.json` -> `note`). */
function componentName(id: string): string {
  const name = COMPONENT_NAME.test(id) ? id : (id.split(/[/#]/).filter(Boolean).pop() ?? "").replace(/\.json$/, "");
  if (!COMPONENT_NAME.test(name)) throw new Error(`the $id ${JSON.stringify(id)} gives no component name (letters, digits, ., _ and -)`);
  return name;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
