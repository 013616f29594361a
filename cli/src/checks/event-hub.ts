import { streamVariable } from "@skyport/core";

const EVENT_HUB_TYPE = "Microsoft.EventHub/namespaces/eventhubs@";
const CONSUMER_GROUP_TYPE = "Microsoft.EventHub/namespaces/eventhubs/consumergroups@";
const QUEUE_TYPE = "Microsoft.Storage/storageAccounts/queueServices/queues@";

/**
 * What a Bicep template owes a stream function on Azure (issue 13): the event hub its
 * SKYPORT_STREAM_<NAME> setting names, a consumer group named after the function, and the
 * `<stream>-stream-poison` queue its dead letters go to. `names` resolves a resource's name expression.
 */
export function eventHubProblems(name: string, stream: string, bicep: string, names: (expression: string) => string): string[] {
  const resources = [...bicep.matchAll(/^resource \w+ '([^']+)' = \{([\s\S]*?)^\}/gm)].map((m) => ({
    type: m[1]!,
    name: names(/^\s+name: (.+)$/m.exec(m[2]!)?.[1]?.trim() ?? ""),
  }));
  const of = (type: string) => resources.filter((r) => r.type.startsWith(type)).map((r) => r.name);
  const problems: string[] = [];
  const setting = new RegExp(`name: '${streamVariable(stream)}', value: ([^ }]+)`).exec(bicep)?.[1];
  if (!setting) problems.push(`stream ${stream}: no app setting ${streamVariable(stream)} names its event hub`);
  else if (!of(EVENT_HUB_TYPE).includes(names(setting)))
    problems.push(`stream ${stream}: ${streamVariable(stream)} names event hub ${names(setting)}, which the template does not create`);
  if (!of(CONSUMER_GROUP_TYPE).includes(name)) problems.push(`function ${name}: no consumer group ${name} on the ${stream} event hub`);
  if (!of(QUEUE_TYPE).includes(`${stream}-stream-poison`))
    problems.push(`stream ${stream}: no ${stream}-stream-poison queue for the records the function gives up on`);
  return problems;
}
