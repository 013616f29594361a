import { randomUUID } from "node:crypto";
import type { HttpFunction } from "@google-cloud/functions-framework";
import { describeError, type Lazy, type ScheduleHandler } from "@skyport/core";
import { invocationContext, type GcpFunctionOptions } from "../context.js";
import { joinedHeaders } from "../http/request.js";
import { traceparentOf } from "../http/trace.js";

/** Cloud Scheduler's HTTP target sends when the run was due, e.g. `2026-11-26T10:00:00.000Z`. */
const SCHEDULE_TIME = "x-cloudscheduler-scheduletime";

/**
 * A scheduled function as an HTTP target of a Cloud Scheduler job (POST, with an OIDC token that
 * Cloud Run's IAM check verifies before the function runs). 200 with the handler's result when
 * done; a failure answers 500, which Cloud Scheduler records and retries per the job's retry config.
 */
export function schedulerFunction(schedule: Lazy<ScheduleHandler>, options: GcpFunctionOptions): HttpFunction {
  return async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" });
      res.end();
      return;
    }
    const headers = joinedHeaders(req.headers);
    const requestId = randomUUID();
    const context = invocationContext(options, requestId, traceparentOf(headers));
    try {
      const report = await (await schedule())({ scheduledAt: scheduleTime(headers[SCHEDULE_TIME]) }, context);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(report ?? {}));
    } catch (error) {
      context.logger.error("scheduled run failed", { job: headers["x-cloudscheduler-jobname"], error: describeError(error) });
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "failed", requestId }));
    }
  };
}

function scheduleTime(header: string | undefined): Date | undefined {
  const time = header === undefined ? NaN : Date.parse(header);
  return Number.isNaN(time) ? undefined : new Date(time);
}
