/**
 * What a deploy script owes a stream function on Google Cloud (issue 13): an ordered push
 * subscription to it with a dead-letter topic and bounded attempts, and the dead-letter topic
 * named to the function for the poison records it publishes there itself.
 */
export function orderedPushProblems(name: string, deployCommand: string, script: string): string[] {
  const problems: string[] = [];
  if (!/SKYPORT_STREAM_DEAD_LETTERS=/.test(deployCommand))
    problems.push(`function ${name}: no SKYPORT_STREAM_DEAD_LETTERS names the dead-letter topic for its poison records`);
  const wanted: [RegExp, string][] = [
    [/gcloud pubsub subscriptions create\b/, "creates no Pub/Sub subscription"],
    [/--push-endpoint=/, "pushes to no endpoint (--push-endpoint)"],
    [/--enable-message-ordering\b/, "has no ordered subscription (--enable-message-ordering)"],
    [/--dead-letter-topic=/, "has no dead-letter topic on its subscription"],
    [/--max-delivery-attempts=/, "does not bound the deliveries (--max-delivery-attempts)"],
  ];
  for (const [pattern, what] of wanted) if (!pattern.test(script)) problems.push(`function ${name} (stream): the script ${what}`);
  return problems;
}
