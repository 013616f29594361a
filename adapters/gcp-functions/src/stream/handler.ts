import type { HttpFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type StreamHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { pubSubStreamDeadLetters, type StreamDeadLetters } from "./dead-letters.js";
import { fromPushBody, isPushBody } from "./push-body.js";

/**
 * An HTTP function for an ordered Pub/Sub push subscription (one message per request). 204
 * acknowledges; a retryable failure answers 500, so Pub/Sub delivers the message again and holds
 * back the later messages of its ordering key, until the subscription's dead-letter policy (a
 * bounded number of attempts) moves it to the dead-letter topic. A poison message is published to
 * that topic now and acknowledged, so its key goes on; if it cannot be, it answers 500 like any failure.
 */
export function gcpStreamHandler(
  stream: Lazy<StreamHandler>,
  options: AdapterOptions,
  deadLetters: StreamDeadLetters | undefined = pubSubStreamDeadLetters(process.env),
): HttpFunction {
  return async (req, res) => {
    const answer = (status: number) => {
      res.status(status).end();
    };
    if (req.method !== "POST") return answer(405);
    if (!isPushBody(req.body)) {
      // Not a push at all (a subscription wired to the wrong endpoint): refused, never acknowledged.
      options.logger.error("push refused: not a Pub/Sub push body", {});
      return answer(400);
    }
    const record = fromPushBody(req.body);
    const context = toContext({ requestId: record.position, traceparent: record.attributes?.traceparent }, options);
    try {
      const { failed } = await (await stream())([record], context);
      const failure = failed[0];
      if (!failure) return answer(204);
      if (failure.retryable || !deadLetters) return answer(500);
      await deadLetters.send(record, req.body.subscription);
      context.logger.error("poison record published to the dead-letter topic", { position: record.position, partitionKey: record.key });
      context.metrics?.record("DeadLetteredRecords", 1, "Count");
      return answer(204);
    } catch (error) {
      // The service could not start, or the dead-letter topic refused: delivered again.
      context.logger.error("stream record not acknowledged", { position: record.position, error: describeError(error) });
      return answer(500);
    }
  };
}
