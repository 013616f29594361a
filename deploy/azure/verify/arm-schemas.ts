import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** A node of a JSON schema together with the file its `$ref`s are relative to. */
export interface SchemaNode {
  node: JsonSchema;
  file: string;
}

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  resourceDefinitions?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

const SCHEMA_HOST = "https://schema.management.azure.com/schemas/";
const RESOURCE_SECTIONS = [
  "resourceDefinitions",
  "subscription_resourceDefinitions",
  "managementGroup_resourceDefinitions",
  "tenant_resourceDefinitions",
  "extension_resourceDefinitions",
  "unknown_resourceDefinitions",
];

/** Azure's published ARM resource schemas (azure-resource-manager-schemas), from a directory of them. */
export class ArmSchemas {
  private readonly files = new Map<string, JsonSchema>();
  /** `Type@apiVersion` -> the resource definition. */
  private readonly resources = new Map<string, SchemaNode>();

  constructor(readonly root: string) {
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".json")) this.files.set(relative(root, path), JSON.parse(readFileSync(path, "utf8")) as JsonSchema);
      }
    };
    walk(root);
    for (const [file, schema] of this.files) {
      for (const section of RESOURCE_SECTIONS) {
        for (const definition of Object.values((schema as Record<string, Record<string, JsonSchema>>)[section] ?? {})) {
          const type = definition.properties?.type?.enum?.[0];
          for (const apiVersion of definition.properties?.apiVersion?.enum ?? []) {
            if (typeof type === "string") this.resources.set(`${type}@${apiVersion}`, { node: definition, file });
          }
        }
      }
    }
    if (!this.files.has("2019-04-01/deploymentTemplate.json") || !this.files.has("common/definitions.json")) {
      throw new Error(`${root} lacks 2019-04-01/deploymentTemplate.json or common/definitions.json`);
    }
  }

  /** The schema of one resource type at one API version, or undefined. */
  resource(type: string, apiVersion: string): SchemaNode | undefined {
    return this.resources.get(`${type}@${apiVersion}`);
  }

  /** The API versions for which a schema of this type is here. */
  apiVersionsOf(type: string): string[] {
    return [...this.resources.keys()].filter((key) => key.startsWith(`${type}@`)).map((key) => key.slice(type.length + 1));
  }

  /** Whether any schema here covers the type's resource provider (e.g. Microsoft.Storage). */
  coversNamespace(type: string): boolean {
    const namespace = `${type.split("/")[0]!.toLowerCase()}/`;
    return [...this.resources.keys()].some((key) => key.toLowerCase().startsWith(namespace));
  }

  /** A reference to a definition of the deployment template schema (resourceBase and friends). */
  static templateRef(name: string): JsonSchema {
    return { $ref: `${SCHEMA_HOST}2019-04-01/deploymentTemplate.json#/definitions/${name}` };
  }

  /** Follows `$ref`s until a schema node that is not one. */
  follow(schema: SchemaNode): SchemaNode {
    let current = schema;
    for (let hops = 0; current.node.$ref; hops++) {
      if (hops > 32) throw new Error(`$ref loop at ${current.node.$ref}`);
      const ref = current.node.$ref;
      const [location, pointer = ""] = ref.split("#");
      const file = location ? location.replace(SCHEMA_HOST, "") : current.file;
      const document = this.files.get(file);
      if (!document) throw new Error(`schema ${ref} is not in ${this.root}`);
      let node: unknown = document;
      for (const part of pointer.split("/").filter(Boolean)) node = (node as Record<string, unknown>)?.[part];
      if (!node) throw new Error(`schema ${ref} points at nothing`);
      current = { node: node as JsonSchema, file };
    }
    return current;
  }

  /** Whether a `$ref` names ARM's template-expression schema. */
  static isExpressionRef(ref: string | undefined): boolean {
    return ref?.endsWith("common/definitions.json#/definitions/expression") === true;
  }

  static exists(root: string): boolean {
    return existsSync(join(root, "2019-04-01/deploymentTemplate.json"));
  }
}
