import { ArmSchemas, type SchemaNode } from "./arm-schemas.js";
import { Expression, type BicepResource, type BicepValue } from "./bicep-template.js";

export interface Finding {
  /** `symbol (Type@apiVersion)` */
  resource: string;
  /** Where in the resource body, e.g. `properties.siteConfig.appSettings[2].name`. */
  path: string;
  message: string;
}

/** One way a value can satisfy a schema node, its allOf/oneOf/anyOf combinators flattened. */
interface Variant {
  /** ARM's template-expression schema: only a value computed at deployment matches it. */
  expression: boolean;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Map<string, SchemaNode[]>;
  additionalProperties?: boolean | SchemaNode;
  required: Set<string>;
  items: SchemaNode[];
}

type Problem = Omit<Finding, "resource">;

function merge(a: Variant, b: Variant): Variant {
  const properties = a.properties || b.properties ? new Map(a.properties) : undefined;
  for (const [key, schemas] of b.properties ?? []) properties!.set(key, [...(properties!.get(key) ?? []), ...schemas]);
  return {
    expression: a.expression || b.expression,
    type: a.type ?? b.type,
    enum: a.enum ?? b.enum,
    pattern: a.pattern ?? b.pattern,
    properties,
    additionalProperties: a.additionalProperties ?? b.additionalProperties,
    required: new Set([...a.required, ...b.required]),
    items: [...a.items, ...b.items],
  };
}

function typeMatches(value: BicepValue, type: string): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function didYouMean(word: string, known: Iterable<string>): string {
  const closest = [...known].map((k) => [k, distance(word, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return closest && closest[1] <= 3 ? ` (did you mean ${closest[0]}?)` : "";
}

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Checks Bicep values against ARM's JSON schemas: every property name must be one the schema
 * declares (a misspelling is an error, unlike plain JSON Schema), literal values must have the
 * declared type and be in the declared enum, required properties must be there. Values Bicep
 * computes at deployment are not checked further.
 */
export class ResourceChecker {
  constructor(private readonly schemas: ArmSchemas) {}

  check(resource: BicepResource): Finding[] {
    const label = `${resource.symbol} (${resource.type}@${resource.apiVersion})`;
    const definition = this.schemas.resource(resource.type, resource.apiVersion);
    if (!definition) {
      const versions = this.schemas.apiVersionsOf(resource.type);
      const message = versions.length
        ? `no schema for API version ${resource.apiVersion} of ${resource.type} (schemas: ${versions.join(", ")})`
        : `no schema for resource type ${resource.type}`;
      return [{ resource: label, path: "", message }];
    }
    if (resource.existing) return [];
    // The template's resource base (location, tags, scope, dependsOn...) and Bicep's `parent`.
    const schema: SchemaNode = {
      node: { allOf: [ArmSchemas.templateRef("resourceBase"), definition.node, { properties: { parent: {} } }] },
      file: definition.file,
    };
    const body = { ...resource.body, type: resource.type, apiVersion: resource.apiVersion };
    return this.value(body, [schema], "").map((problem) => ({ resource: label, ...problem }));
  }

  private variants(schema: SchemaNode): Variant[] {
    if (ArmSchemas.isExpressionRef(schema.node.$ref)) return [{ expression: true, required: new Set(), items: [] }];
    const { node, file } = this.schemas.follow(schema);
    const local: Variant = {
      expression: false,
      type: node.type,
      enum: node.enum,
      pattern: node.pattern,
      properties: node.properties && new Map(Object.entries(node.properties).map(([key, child]) => [key, [{ node: child, file }]])),
      additionalProperties: typeof node.additionalProperties === "object" ? { node: node.additionalProperties, file } : node.additionalProperties,
      required: new Set(node.required ?? []),
      items: node.items ? [{ node: node.items, file }] : [],
    };
    let variants = [local];
    for (const member of node.allOf ?? []) {
      const expanded = this.variants({ node: member, file });
      variants = variants.flatMap((v) => expanded.map((m) => merge(v, m)));
    }
    const alternatives = node.oneOf ?? node.anyOf;
    if (alternatives) {
      const expanded = alternatives.flatMap((alternative) => this.variants({ node: alternative, file }));
      variants = variants.flatMap((v) => expanded.map((m) => merge(v, m)));
    }
    return variants;
  }

  /** The value must satisfy every schema (allOf); each schema through at least one variant. */
  private value(value: BicepValue, schemas: SchemaNode[], path: string): Problem[] {
    if (value instanceof Expression) return [];
    return schemas.flatMap((schema) => {
      let best: Problem[] | undefined;
      for (const variant of this.variants(schema)) {
        if (variant.expression) continue; // only an Expression matches, and this value is not one
        const problems = this.variant(value, variant, path);
        if (problems.length === 0) return [];
        if (!best || problems.length < best.length) best = problems;
      }
      return best ?? [{ path, message: "the schema wants a value computed at deployment here" }];
    });
  }

  private variant(value: BicepValue, variant: Variant, path: string): Problem[] {
    if (variant.type && !typeMatches(value, variant.type)) return [{ path, message: `${JSON.stringify(value)} is not of type ${variant.type}` }];
    const problems: Problem[] = [];
    if (variant.enum && !variant.enum.includes(value)) {
      problems.push({
        path,
        message:
          `${JSON.stringify(value)} is not one of ${variant.enum.map((e) => JSON.stringify(e)).join(", ")}` +
          (typeof value === "string" ? didYouMean(value, variant.enum.map(String)) : ""),
      });
    }
    // A child resource's `name` is its last segment in Bicep; the schema's pattern is for the full ARM name.
    if (variant.pattern && typeof value === "string" && path !== "name" && !new RegExp(variant.pattern).test(value)) {
      problems.push({ path, message: `${JSON.stringify(value)} does not match ${variant.pattern}` });
    }
    if (Array.isArray(value)) {
      if (variant.items.length) {
        value.forEach((item, i) => {
          problems.push(...this.value(item, variant.items, `${path}[${i}]`));
        });
      }
    } else if (typeof value === "object" && value !== null && !(value instanceof Expression)) {
      for (const [key, child] of Object.entries(value)) {
        const declared = variant.properties?.get(key);
        if (declared) problems.push(...this.value(child, declared, at(path, key)));
        else if (typeof variant.additionalProperties === "object") problems.push(...this.value(child, [variant.additionalProperties], at(path, key)));
        else if (variant.properties && variant.additionalProperties !== true) {
          problems.push({ path: at(path, key), message: `is not a property the schema declares${didYouMean(key, variant.properties.keys())}` });
        }
      }
      for (const key of variant.required) if (!(key in value)) problems.push({ path: at(path, key), message: "is required" });
    }
    return problems;
  }
}
