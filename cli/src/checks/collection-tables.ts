import { collectionVariable, type AnyAppFunction, type App, type CollectionDeclaration } from "@skyport/core";
import { tableDefinition } from "@skyport/dynamodb";
import { canonical } from "./canonical-json.js";
import { refName, type Json, type JsonObject } from "./cloudformation-yaml.js";

type Resource = { Type?: string; Properties?: JsonObject };
type Deployed = ReadonlyMap<string, { id: string; properties: JsonObject }>;

const TABLE = "AWS::DynamoDB::Table";

/**
 * What a SAM template gets wrong about an app's collections (nothing, for an app that declares
 * none): a collection without its table (the one SKYPORT_COLLECTION_<NAME> points at, else the one
 * named after it), a table unlike `tableDefinition` of @skyport/dynamodb (key schema, attribute
 * definitions, global secondary indexes, the TTL attribute), a changes function reading another
 * table's stream, a table that keeps none of the collections, a function that uses a collection
 * with no SKYPORT_COLLECTION_<NAME> to find its table, and a function whose policies (its own, or
 * those of the AWS::IAM::Role it runs as) name a collection's table it does not use, or none it uses.
 * A changes function's DynamoDB event grants it its table's stream (SAM adds that policy).
 */
export function collectionTableProblems(app: App<never>, template: JsonObject, deployed: Deployed): string[] {
  const declarations = Object.values(app.collections);
  if (declarations.length === 0) return [];
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const globals = variablesOf((template.Globals as JsonObject | undefined)?.Function as JsonObject | undefined);
  const problems: string[] = [];
  const tables = new Map<string, string>();
  for (const declaration of declarations) {
    const found = tableOf(declaration, resources, globals, deployed);
    if (typeof found !== "string") {
      problems.push(found.problem);
      continue;
    }
    tables.set(declaration.name, found);
    problems.push(...tableShapeProblems(`collection ${declaration.name} (table ${found})`, declaration, resources[found]!.Properties ?? {}));
  }
  for (const [name, { id, properties }] of deployed) {
    const fn = (app.functions as Record<string, AnyAppFunction<never> | undefined>)[name];
    if (!fn) continue;
    const where = `${id} (function ${name})`;
    const variables = { ...globals, ...variablesOf(properties) };
    const named = (used: string) => tables.has(used) && resources[tables.get(used)!]?.Properties?.TableName === used;
    for (const used of fn.collections) {
      if (variables[collectionVariable(used)] === undefined && !named(used))
        problems.push(`${where} uses collection ${used} but has no ${collectionVariable(used)} naming its table`);
    }
    const granted = grantedTables(properties, resources);
    if (fn.trigger.kind === "changes" && tables.has(fn.trigger.collection)) {
      const read = streamsRead(properties);
      const table = tables.get(fn.trigger.collection)!;
      if (read.length > 0 && !read.includes(table))
        problems.push(`${where} reads the stream of ${read.join(", ")}, not ${table} where collection ${fn.trigger.collection} is kept`);
      for (const reader of read) granted.add(reader);
    }
    for (const used of fn.collections) {
      const table = tables.get(used);
      if (table && !granted.has(table)) problems.push(`${where} uses collection ${used} but no policy of it names its table ${table}`);
    }
    for (const table of granted) {
      const kept = [...tables].find(([, id]) => id === table)?.[0];
      if (kept && !fn.collections.includes(kept)) problems.push(`${where} is granted ${table} (collection ${kept}), which it does not use`);
    }
  }
  const kept = new Set(tables.values());
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === TABLE && !kept.has(id))
      problems.push(`${id} is an ${TABLE} that keeps none of app ${app.name}'s collections (${Object.keys(app.collections).join(", ")})`);
  }
  return problems;
}

/** The table a collection is kept in: where SKYPORT_COLLECTION_<NAME> points (one table for every function), else the one named after it. */
function tableOf(
  declaration: CollectionDeclaration<unknown>,
  resources: Record<string, Resource>,
  globals: JsonObject,
  deployed: Deployed,
): string | { problem: string } {
  const variable = collectionVariable(declaration.name);
  const settings = [globals, ...[...deployed.values()].map(({ properties }) => variablesOf(properties))].flatMap((v) =>
    v[variable] === undefined ? [] : [refName(v[variable]!)],
  );
  const pointed = [...new Set(settings)];
  if (pointed.length > 1) return { problem: `collection ${declaration.name}: ${variable} names more than one table (${pointed.join(", ")})` };
  if (pointed.length === 1) {
    const [id] = pointed as [string];
    return resources[id]?.Type === TABLE
      ? id
      : { problem: `collection ${declaration.name}: ${variable} names ${id}, which is not an ${TABLE} of the template` };
  }
  const named = Object.entries(resources).find(([, r]) => r.Type === TABLE && r.Properties?.TableName === declaration.name)?.[0];
  return named ?? { problem: `collection ${declaration.name}: no ${TABLE} keeps it (no ${variable} names one, and none has TableName ${declaration.name})` };
}

/** The table as `tableDefinition` declares it: key schema, attribute definitions, global secondary indexes and the TTL attribute. */
function tableShapeProblems(where: string, declaration: CollectionDeclaration<unknown>, table: JsonObject): string[] {
  const wanted = tableDefinition(declaration, declaration.name);
  const json = JSON.parse(JSON.stringify(wanted)) as { createTable: JsonObject; timeToLive?: JsonObject };
  const problems: string[] = [];
  if (canonical(table.KeySchema) !== canonical(json.createTable.KeySchema))
    problems.push(`${where}: its KeySchema is ${canonical(table.KeySchema)}; the collection's key needs ${canonical(json.createTable.KeySchema)}`);
  const byName = (definitions: Json | undefined) =>
    canonical([...((definitions ?? []) as JsonObject[])].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName))));
  if (byName(table.AttributeDefinitions) !== byName(json.createTable.AttributeDefinitions))
    problems.push(
      `${where}: its AttributeDefinitions are ${byName(table.AttributeDefinitions)}; the collection needs ${byName(json.createTable.AttributeDefinitions)}`,
    );
  const indexes = (value: Json | undefined) => new Map(((value ?? []) as JsonObject[]).map((index) => [String(index.IndexName), index]));
  const [given, needed] = [indexes(table.GlobalSecondaryIndexes), indexes(json.createTable.GlobalSecondaryIndexes)];
  for (const [name, index] of needed) {
    if (!given.has(name)) problems.push(`${where}: no global secondary index ${name} for the collection's index ${name}`);
    else if (canonical(given.get(name)) !== canonical(index))
      problems.push(`${where}: its index ${name} is ${canonical(given.get(name))}; it needs ${canonical(index)}`);
  }
  for (const name of given.keys()) if (!needed.has(name)) problems.push(`${where}: has global secondary index ${name}, which the collection does not declare`);
  if (json.timeToLive && canonical(table.TimeToLiveSpecification) !== canonical(json.timeToLive))
    problems.push(`${where}: no TimeToLiveSpecification ${canonical(json.timeToLive)} for its expiry (${declaration.expiresAt})`);
  return problems;
}

function variablesOf(properties: JsonObject | undefined): JsonObject {
  return ((properties?.Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
}

/** The tables a function's policies name, as `!Ref`, `!GetAtt` or `${Table.Arn}` in a `!Sub`: its own, and its role's. */
function grantedTables(properties: JsonObject, resources: Record<string, Resource>): Set<string> {
  const role = properties.Role === undefined ? undefined : resources[refName(properties.Role)];
  const policies = [properties.Policies ?? null, role?.Type === "AWS::IAM::Role" ? (role.Properties?.Policies ?? null) : null];
  return new Set([...policies.flatMap(referenced)].filter((id) => resources[id]?.Type === TABLE));
}

/** Every resource a value refers to. */
function referenced(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(referenced);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    if (key === "Ref" && typeof inner === "string") return [inner];
    if (key === "Fn::GetAtt" && Array.isArray(inner)) return [String(inner[0])];
    if (key === "Fn::Sub") return [...JSON.stringify(inner).matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)].map((m) => m[1]!);
    return referenced(inner);
  });
}

/** The tables whose streams a function's DynamoDB events read. */
function streamsRead(properties: JsonObject): string[] {
  const events = Object.values((properties.Events ?? {}) as Record<string, { Type?: string; Properties?: JsonObject }>);
  return events.filter((event) => event.Type === "DynamoDB").map((event) => refName(event.Properties?.Stream ?? null));
}
