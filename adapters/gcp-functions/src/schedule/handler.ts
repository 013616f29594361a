import { randomUUID } from "node:crypto";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type ScheduleHandler } from "@skyport/core";
import { toContext } from "../context.js";
import type { AdapterOptions } from "../options.js";
import { joinedHeaders } from "../http/request.js";
import { traceparentOf } from "../trace.js";
import { fromSchedulerRequest } from "./scheduler-request.js";

/**
 * A scheduled function as an HTTP target of a Cloud Scheduler job (POST, with an OIDC token that
 * Cloud Run's IAM check verifies before the function runs). 200 with the handler's result when
 * done; a failure answers 500, which Cloud Scheduler records and retries per the job's retry config.
 */
export function gcpScheduleHandler(schedule: Lazy<ScheduleHandler>, options: AdapterOptions): HttpFunction {
  return async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" });
      res.end();
      return;
    }
    const headers = joinedHeaders(req.headers);
    const requestId = randomUUID();
    const context = toContext({ requestId, traceparent: traceparentOf(headers) }, options);
    try {
      const report = await (await schedule())(fromSchedulerRequest(headers), context);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(report ?? {}));
    } catch (error) {
      context.logger.error("scheduled run failed", { job: headers["x-cloudscheduler-jobname"], error: describeError(error) });
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "failed", requestId }));
    }
  };
}
