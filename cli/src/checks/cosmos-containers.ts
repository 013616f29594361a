import { collectionVariable, type AnyAppFunction, type App } from "@skyport/core";
import { containerDefinitionOf } from "@skyport/cosmos";
import { bicepResources, type BicepResource } from "./bicep-object.js";
import { canonical } from "./canonical-json.js";
import type { JsonObject } from "./cloudformation-yaml.js";

const CONTAINER = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";
const DATA_ROLE = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";
/** The Cosmos DB trigger's checkpoints (core reserves the name): a changes function's, never a collection. */
const LEASES = "leases";

/**
 * What a Bicep template gets wrong about an app's collections on Cosmos DB (nothing, for an app
 * that declares none): a collection without its container (named by the SKYPORT_COLLECTION_<NAME>
 * app setting, else after it), a container whose `properties.resource` differs from
 * `containerDefinitionOf` of @skyport/cosmos (id, partition key, indexing policy, TTL), a container
 * that keeps no collection (the leases of a changes function's trigger aside), and the data-plane
 * grants: the Cosmos DB SQL role assignments (`sqlRoleAssignments`) and their `scope`. One Functions
 * app runs every function under one identity, so Azure cannot grant per function: the check holds
 * the app's assignments to a container each for exactly the collections its functions use (and the
 * leases), and names one scoped to a whole database or account, which reaches every container.
 */
export function cosmosContainerProblems(app: App<never>, bicep: string, variables: ReadonlyMap<string, string>): string[] {
  const declarations = Object.values(app.collections);
  if (declarations.length === 0) return [];
  const resources = bicepResources(bicep);
  const named = (expression: string) => /^'([^']*)'$/.exec(expression)?.[1] ?? variables.get(expression) ?? expression;
  const containers = new Map(resources.filter((r) => r.type === CONTAINER).map((r) => [named(String(r.body.name)), r]));
  const functions = Object.values<AnyAppFunction<never>>(app.functions);
  const withChanges = functions.some((fn) => fn.trigger.kind === "changes");
  const problems: string[] = [];
  const locations = new Map<string, string>();
  for (const declaration of declarations) {
    const setting = new RegExp(`name: '${collectionVariable(declaration.name)}', value: ([^ }]+)`).exec(bicep)?.[1];
    const location = setting === undefined ? declaration.name : named(setting);
    locations.set(location, declaration.name);
    const container = containers.get(location);
    if (!container) {
      problems.push(`collection ${declaration.name}: no Cosmos DB container ${location}`);
      continue;
    }
    const wanted = JSON.parse(JSON.stringify(containerDefinitionOf(declaration, location))) as JsonObject;
    const given = ((container.body.properties as JsonObject | undefined)?.resource ?? {}) as JsonObject;
    if (typeof given.id === "string") given.id = named(given.id);
    for (const part of new Set([...Object.keys(wanted), ...Object.keys(given)])) {
      if (canonical(given[part]) !== canonical(wanted[part]))
        problems.push(`collection ${declaration.name}: container ${location}'s ${part} is ${canonical(given[part])}; it needs ${canonical(wanted[part])}`);
    }
  }
  for (const [name, container] of containers) {
    if (!locations.has(name) && !(name === LEASES && withChanges))
      problems.push(`container ${name} (${container.symbol}) keeps none of app ${app.name}'s collections (${Object.keys(app.collections).join(", ")})`);
  }
  problems.push(...grantProblems(app, resources, locations, containers, named));
  return problems;
}

/** The app's data-plane role assignments: one scoped to each used collection's container, none to another or to all. */
function grantProblems(
  app: App<never>,
  resources: BicepResource[],
  locations: ReadonlyMap<string, string>,
  containers: ReadonlyMap<string, BicepResource>,
  named: (expression: string) => string,
): string[] {
  const bySymbol = new Map([...containers].map(([name, r]) => [r.symbol, name]));
  const functions = Object.entries<AnyAppFunction<never>>(app.functions);
  const users = (collection: string) => functions.filter(([, fn]) => fn.collections.includes(collection)).map(([name]) => name);
  const granted = new Set<string>();
  const problems: string[] = [];
  for (const assignment of resources.filter((r) => r.type === DATA_ROLE)) {
    // `${cosmos.id}/dbs/${databaseName}/colls/${notesContainer.name}`, its names resolved.
    const scope = String((assignment.body.properties as JsonObject | undefined)?.scope ?? "").replace(/\$\{([\w.]+)\}/g, (whole, ref: string) => {
      const [symbol, property] = ref.split(".");
      if (property === "name" && bySymbol.has(symbol!)) return bySymbol.get(symbol!)!;
      return ref.includes(".") ? whole : named(ref);
    });
    const container = /\/dbs\/[^/]+\/colls\/([^/]+)$/.exec(scope)?.[1];
    if (container === undefined) {
      problems.push(`${assignment.symbol} grants Cosmos DB data access to ${scope}, every container in it; scope it to each container the functions use`);
      continue;
    }
    granted.add(container);
    const collection = locations.get(container);
    if (collection !== undefined && users(collection).length === 0)
      problems.push(`${assignment.symbol} grants container ${container} (collection ${collection}), which no function uses`);
  }
  for (const [container, collection] of locations) {
    const using = users(collection);
    if (using.length > 0 && !granted.has(container))
      problems.push(`collection ${collection}: ${using.join(", ")} use it, but no Cosmos DB role assignment is scoped to its container ${container}`);
  }
  return problems;
}
