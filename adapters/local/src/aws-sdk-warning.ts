/**
 * The AWS SDK warns, once per process, that its releases after the first week of January 2027 need
 * Node 22 (the clouds' runtimes run it already): on a developer's Node 20 that is a paragraph on
 * stderr at every local run against DynamoDB Local. Its documented switch turns it off for local
 * runs; one the developer set is kept.
 */
export function quietAwsSdkNodeWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}
