import { refName, type Json, type JsonObject } from "./cloudformation-yaml.js";

type Resource = { Type?: string; Properties?: JsonObject };

/**
 * What a stream function's Kinesis event source mapping must say (issue 13): failures reported
 * per record and the batch bisected, retries and record age bounded, an on-failure destination,
 * and the same queue named to the function for the poison records it sends there itself.
 */
export function kinesisMappingProblems(where: string, event: JsonObject, variables: JsonObject, resources: Record<string, Resource>): string[] {
  const problems: string[] = [];
  const stream = refName(event.Stream);
  if (resources[stream]?.Type !== "AWS::Kinesis::Stream")
    problems.push(`${where}: its Kinesis event reads ${stream}, which is not an AWS::Kinesis::Stream of the template`);
  if (!((event.FunctionResponseTypes ?? []) as Json[]).includes("ReportBatchItemFailures"))
    problems.push(`${where}: its Kinesis event has no FunctionResponseTypes [ReportBatchItemFailures]`);
  if (event.BisectBatchOnFunctionError !== true) problems.push(`${where}: its Kinesis event does not set BisectBatchOnFunctionError`);
  const retries = Number(event.MaximumRetryAttempts);
  if (!(retries >= 0 && retries <= 10_000)) problems.push(`${where}: its Kinesis event has no bounded MaximumRetryAttempts`);
  const age = Number(event.MaximumRecordAgeInSeconds);
  if (!(age >= 60 && age <= 604_800)) problems.push(`${where}: its Kinesis event has no bounded MaximumRecordAgeInSeconds`);
  const onFailure = ((event.DestinationConfig as JsonObject | undefined)?.OnFailure as JsonObject | undefined)?.Destination;
  if (onFailure === undefined) problems.push(`${where}: its Kinesis event has no DestinationConfig.OnFailure for the batches that fail every retry`);
  const deadLetters = variables.SKYPORT_STREAM_DEAD_LETTERS;
  if (deadLetters === undefined) problems.push(`${where}: no SKYPORT_STREAM_DEAD_LETTERS names the queue for its poison records`);
  else if (onFailure !== undefined && refName(deadLetters) !== refName(onFailure))
    problems.push(`${where}: SKYPORT_STREAM_DEAD_LETTERS (${refName(deadLetters)}) and the on-failure destination (${refName(onFailure)}) are not one queue`);
  return problems;
}
