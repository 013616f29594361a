import { topicVariable, type AnyAppFunction, type App } from "@skyport/core";
import { eventBridgeSchedule } from "@skyport/aws-lambda/schedule";
import { refName, type Json, type JsonObject } from "./cloudformation-yaml.js";
import { collectionTableProblems } from "./collection-tables.js";
import { kinesisMappingProblems } from "./kinesis-mapping.js";
import { samSecretProblems } from "./secret-grants.js";

type Resource = { Type?: string; Properties?: JsonObject };

const EVENT_SOURCE: Record<AnyAppFunction<unknown>["trigger"]["kind"], readonly string[]> = {
  http: ["HttpApi", "Api"],
  queue: ["SQS"],
  schedule: ["Schedule", "ScheduleV2"],
  stream: ["Kinesis"],
  object: ["S3"],
  changes: ["DynamoDB"],
};

/**
 * What a SAM template gets wrong about an app: a declared function it does not deploy (a
 * function's CodeUri ends in `dist/aws/<name>`), one it deploys that the app does not declare, a
 * trigger of another kind, a schedule other than the declaration's, a topic's queue that its
 * publishers and its consumer do not share, a topic setting on a function that does not publish,
 * what its tables and policies get wrong about the app's collections (collection-tables.ts), and
 * its grants of the secrets its functions read (secret-grants.ts).
 */
export function samProblems(app: App<never>, template: JsonObject): string[] {
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: Json }>;
  const deployed = new Map<string, { id: string; properties: JsonObject }>();
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== "AWS::Serverless::Function") continue;
    const name = /dist\/aws\/([^/]+)\/?$/.exec(String(resource.Properties?.CodeUri ?? ""))?.[1];
    if (name) deployed.set(name, { id, properties: resource.Properties ?? {} });
  }
  const problems: string[] = [];
  for (const name of deployed.keys()) {
    if (!(name in app.functions)) problems.push(`${deployed.get(name)!.id} deploys dist/aws/${name}, which app ${app.name} does not declare`);
  }
  const topicQueues = new Map<string, Set<string>>();
  const sharesQueue = (topic: string, queue: string) => topicQueues.set(topic, (topicQueues.get(topic) ?? new Set()).add(queue));
  for (const [name, fn] of Object.entries<AnyAppFunction<never>>(app.functions)) {
    const found = deployed.get(name);
    if (!found) {
      problems.push(`function ${name} (${fn.trigger.kind}) has no AWS::Serverless::Function whose CodeUri ends in dist/aws/${name}`);
      continue;
    }
    const events = Object.values((found.properties.Events ?? {}) as Record<string, { Type?: string; Properties?: JsonObject }>);
    const sources = events.filter((event) => EVENT_SOURCE[fn.trigger.kind].includes(event.Type ?? ""));
    if (sources.length === 0)
      problems.push(`${found.id} (function ${name}) has no ${EVENT_SOURCE[fn.trigger.kind].join(" or ")} event for its ${fn.trigger.kind} trigger`);
    if (fn.trigger.kind === "schedule") {
      const wanted = eventBridgeSchedule(fn.trigger.schedule);
      const given = sources.map((event) => resolve(event.Properties?.Schedule ?? null, parameters));
      if (sources.length && !given.includes(wanted))
        problems.push(`${found.id} (function ${name}) runs on ${given.join(", ")}; "${fn.trigger.expression}" is ${wanted}`);
    }
    if (fn.trigger.kind === "queue") for (const event of sources) sharesQueue(fn.trigger.topic, refName(event.Properties?.Queue ?? null));
    if (fn.trigger.kind === "object") {
      const { prefix } = fn.trigger;
      for (const event of sources)
        problems.push(...objectProblems(`${found.id} (function ${name})`, prefix, event.Properties ?? {}, found.properties, resources));
    }
    if (fn.trigger.kind === "stream") {
      const variables = ((found.properties.Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
      for (const event of sources) problems.push(...kinesisMappingProblems(`${found.id} (function ${name})`, event.Properties ?? {}, variables, resources));
    }
    if (fn.trigger.kind === "changes")
      for (const event of sources) problems.push(...streamProblems(`${found.id} (function ${name})`, event.Properties ?? {}, resources));
    const variables = ((found.properties.Environment as JsonObject | undefined)?.Variables ?? {}) as JsonObject;
    for (const topic of fn.publishes) {
      const value = variables[topicVariable(topic)];
      if (value === undefined) problems.push(`${found.id} (function ${name}) publishes to ${topic} but has no ${topicVariable(topic)}`);
      else sharesQueue(topic, refName(value));
    }
    for (const variable of Object.keys(variables).filter((v) => v.startsWith("SKYPORT_TOPIC_"))) {
      if (!fn.publishes.some((topic) => topicVariable(topic) === variable))
        problems.push(`${found.id} (function ${name}) has ${variable} but does not publish to that topic`);
    }
  }
  for (const [topic, queues] of topicQueues) {
    if (queues.size > 1) problems.push(`topic ${topic} is more than one queue: ${[...queues].sort().join(", ")}`);
  }
  problems.push(...collectionTableProblems(app, template, deployed));
  problems.push(...samSecretProblems(app, template, deployed));
  return problems;
}

/** A value, or a parameter's default when it is `!Ref Parameter`. */
function resolve(value: Json, parameters: Record<string, { Default?: Json }>): string {
  const ref = refName(value);
  return ref in parameters ? String(parameters[ref]!.Default) : ref;
}

/**
 * A DynamoDB stream event source must never drop a change silently: partial batch responses, a
 * bisected batch, bounded retries and record age, and an on-failure destination; the table's
 * stream carries the new and old images.
 */
function streamProblems(where: string, properties: JsonObject, resources: Record<string, Resource>): string[] {
  const problems: string[] = [];
  const table = refName(properties.Stream ?? null);
  const spec = (resources[table]?.Properties?.StreamSpecification ?? {}) as JsonObject;
  if (spec.StreamViewType !== "NEW_AND_OLD_IMAGES") problems.push(`${where}: the stream of ${table} is not NEW_AND_OLD_IMAGES`);
  if (!((properties.FunctionResponseTypes ?? []) as Json[]).includes("ReportBatchItemFailures"))
    problems.push(`${where}: its DynamoDB event has no FunctionResponseTypes [ReportBatchItemFailures]`);
  if (properties.BisectBatchOnFunctionError !== true) problems.push(`${where}: its DynamoDB event does not set BisectBatchOnFunctionError`);
  const retries = Number(properties.MaximumRetryAttempts);
  if (!(retries >= 0 && retries <= 10_000)) problems.push(`${where}: its DynamoDB event has no bounded MaximumRetryAttempts`);
  const age = Number(properties.MaximumRecordAgeInSeconds);
  if (!(age >= 60 && age <= 604_800)) problems.push(`${where}: its DynamoDB event has no bounded MaximumRecordAgeInSeconds`);
  const onFailure = ((properties.DestinationConfig as JsonObject | undefined)?.OnFailure as JsonObject | undefined)?.Destination;
  if (onFailure === undefined) problems.push(`${where}: its DynamoDB event has no DestinationConfig.OnFailure for the batches that fail every retry`);
  return problems;
}

/**
 * An S3 upload event source: ObjectCreated under the declared prefix only, a bucket that is
 * private, encrypted and versioned with a lifecycle rule for reports/, and an on-failure
 * destination after a bounded number of attempts for the asynchronous invocations that fail.
 */
function objectProblems(where: string, prefix: string, event: JsonObject, fn: JsonObject, resources: Record<string, Resource>): string[] {
  const problems: string[] = [];
  const rules = (((event.Filter as JsonObject | undefined)?.S3Key as JsonObject | undefined)?.Rules ?? []) as JsonObject[];
  if (!rules.some((rule) => String(rule.Name).toLowerCase() === "prefix" && rule.Value === prefix))
    problems.push(`${where}: its S3 event has no Filter.S3Key prefix rule for ${prefix}`);
  if (![event.Events].flat().some((e) => /^s3:ObjectCreated:/.test(String(e)))) problems.push(`${where}: its S3 event is not for s3:ObjectCreated:*`);
  const bucket = refName(event.Bucket ?? null);
  const properties = resources[bucket]?.Properties ?? {};
  const block = (properties.PublicAccessBlockConfiguration ?? {}) as JsonObject;
  if (!["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"].every((flag) => block[flag] === true))
    problems.push(`${where}: bucket ${bucket} does not block all public access`);
  if (properties.BucketEncryption === undefined) problems.push(`${where}: bucket ${bucket} has no BucketEncryption`);
  if ((properties.VersioningConfiguration as JsonObject | undefined)?.Status !== "Enabled") problems.push(`${where}: bucket ${bucket} is not versioned`);
  const lifecycle = (((properties.LifecycleConfiguration as JsonObject | undefined)?.Rules ?? []) as JsonObject[]).map(
    (rule) => rule.Prefix ?? (rule.Filter as JsonObject | undefined)?.Prefix,
  );
  if (!lifecycle.includes("reports/")) problems.push(`${where}: bucket ${bucket} has no lifecycle rule for reports/`);
  const invoke = (fn.EventInvokeConfig ?? {}) as JsonObject;
  const retries = Number(invoke.MaximumRetryAttempts);
  if (!(retries >= 0 && retries <= 2)) problems.push(`${where}: no EventInvokeConfig.MaximumRetryAttempts (0-2) for its asynchronous invocations`);
  if (((invoke.DestinationConfig as JsonObject | undefined)?.OnFailure as JsonObject | undefined)?.Destination === undefined)
    problems.push(`${where}: no EventInvokeConfig.DestinationConfig.OnFailure for the uploads that fail every attempt`);
  return problems;
}
