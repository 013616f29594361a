import { topicVariable, type AnyAppFunction, type App } from "@skyport/core";
import { cosmosContainerProblems } from "./cosmos-containers.js";
import { eventHubProblems } from "./event-hub.js";
import { bicepSecretProblems } from "./secret-grants.js";

const QUEUE_TYPE = "Microsoft.Storage/storageAccounts/queueServices/queues@";

/**
 * What a Bicep template gets wrong about an app. Azure registers the functions from the bundle
 * itself, so the template owes each topic a Storage queue, its `-poison` sibling (where the host
 * moves what fails), and the app setting that names the queue to consumers and publishers alike;
 * a changes function its container, the trigger's `leases` container, its connection setting and
 * its `<collection>-changes-poison` queue; and the app's collections their containers and grants
 * (cosmos-containers.ts), and the Key Vault roles of the secrets they read (secret-grants.ts).
 */
export function bicepProblems(app: App<never>, bicep: string): string[] {
  const variables = new Map([...bicep.matchAll(/^var (\w+) = '([^'$]*)'/gm)].map((m) => [m[1]!, m[2]!]));
  const value = (expression: string) => {
    const literal = /^'([^']*)'$/.exec(expression)?.[1];
    return literal ?? variables.get(expression) ?? expression;
  };
  const queues = [...bicep.matchAll(/^resource \w+ '([^']+)' = \{([\s\S]*?)^\}/gm)]
    .filter((m) => m[1]!.startsWith(QUEUE_TYPE))
    .map((m) => /^\s+name: (.+)$/m.exec(m[2]!)?.[1]?.trim() ?? "")
    .map((name) => name.replace(/\$\{(\w+)\}/g, (_, v: string) => variables.get(v) ?? `\${${v}}`))
    .map(value);
  const problems: string[] = [];
  const names = (expression: string) => value(expression.replace(/\$\{(\w+)\}/g, (_, v: string) => variables.get(v) ?? `\${${v}}`));
  for (const [name, fn] of Object.entries<AnyAppFunction<never>>(app.functions)) {
    if (fn.trigger.kind === "stream") problems.push(...eventHubProblems(name, fn.trigger.stream, bicep, names));
  }
  const topics = new Set(
    Object.values<AnyAppFunction<never>>(app.functions).flatMap((fn) => [...(fn.trigger.kind === "queue" ? [fn.trigger.topic] : []), ...fn.publishes]),
  );
  for (const topic of topics) {
    const setting = new RegExp(`name: '${topicVariable(topic)}', value: ([^ }]+)`).exec(bicep)?.[1];
    if (!setting) {
      problems.push(`topic ${topic}: no app setting ${topicVariable(topic)} names its queue`);
      continue;
    }
    const queue = value(setting);
    if (!queues.includes(queue)) problems.push(`topic ${topic}: ${topicVariable(topic)} names queue ${queue}, which the template does not create`);
    if (!queues.includes(`${queue}-poison`)) problems.push(`topic ${topic}: no ${queue}-poison queue for the host to move failed messages to`);
  }
  for (const fn of Object.values<AnyAppFunction<never>>(app.functions)) {
    if (fn.trigger.kind !== "changes") continue;
    const { collection } = fn.trigger;
    if (!hasContainer(bicep, collection)) problems.push(`changes ${collection}: no Cosmos DB container ${collection} for its trigger to read`);
    if (!hasContainer(bicep, "leases")) problems.push(`changes ${collection}: no Cosmos DB container leases for its trigger's checkpoints`);
    if (!queues.includes(`${collection}-changes-poison`))
      problems.push(`changes ${collection}: no ${collection}-changes-poison queue for the changes that still fail`);
    if (!/name: 'SKYPORT_COSMOS__accountEndpoint'/.test(bicep))
      problems.push(`changes ${collection}: no app setting SKYPORT_COSMOS__accountEndpoint for its trigger's connection`);
  }
  problems.push(...objectProblems(app, bicep, variables));
  problems.push(...cosmosContainerProblems(app, bicep, variables));
  problems.push(...bicepSecretProblems(app, bicep));
  return problems;
}

const CONTAINER_TYPE = "Microsoft.Storage/storageAccounts/blobServices/containers@";
const SUBSCRIPTION_TYPE = "Microsoft.EventGrid/systemTopics/eventSubscriptions@";

/**
 * An object function: its container, and an Event Grid subscription that sends the container's
 * BlobCreated events under the prefix to the function by name, dead-lettering what fails.
 */
function objectProblems(app: App<never>, bicep: string, variables: Map<string, string>): string[] {
  const resolve = (text: string) => text.replace(/\$\{(\w+)\}/g, (_, v: string) => variables.get(v) ?? `\${${v}}`);
  const bodies = (type: string) =>
    [...bicep.matchAll(/^resource \w+ '([^']+)' = \{([\s\S]*?)^\}/gm)].filter((m) => m[1]!.startsWith(type)).map((m) => resolve(m[2]!));
  const containers = bodies(CONTAINER_TYPE).map((body) => {
    const name = /^\s+name: (.+)$/m.exec(body)?.[1]?.trim() ?? "";
    return /^'([^']*)'$/.exec(name)?.[1] ?? variables.get(name) ?? name;
  });
  const subscriptions = bodies(SUBSCRIPTION_TYPE);
  const problems: string[] = [];
  for (const [name, fn] of Object.entries<AnyAppFunction<never>>(app.functions)) {
    if (fn.trigger.kind !== "object") continue;
    const { bucket, prefix } = fn.trigger;
    if (!containers.includes(bucket)) problems.push(`object ${name}: no blob container ${bucket}`);
    const subject = `'/blobServices/default/containers/${bucket}/blobs/${prefix}'`;
    const subscription = subscriptions.find((body) => body.includes(`/functions/${name}'`));
    if (!subscription) {
      problems.push(`object ${name}: no Event Grid subscription delivers to the function ${name}`);
      continue;
    }
    if (!subscription.includes("'Microsoft.Storage.BlobCreated'"))
      problems.push(`object ${name}: its Event Grid subscription is not for Microsoft.Storage.BlobCreated`);
    if (!subscription.includes(`subjectBeginsWith: ${subject}`)) problems.push(`object ${name}: its Event Grid subscription is not filtered to ${subject}`);
    if (!/deadLetterDestination/.test(subscription)) problems.push(`object ${name}: its Event Grid subscription has no dead-letter destination`);
  }
  return problems;
}

/** A Cosmos DB container resource of that name (a lowercase name: no escaping needed). */
function hasContainer(bicep: string, name: string): boolean {
  return new RegExp(`^resource \\w+ 'Microsoft\\.DocumentDB/[^']*/containers@[^']*' = \\{\\s*parent: \\w+\\s*name: '${name}'`, "m").test(bicep);
}
