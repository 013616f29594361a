import { PoisonMessage, Problem, json, type MessageConsumer, type Route, type ScheduleHandler } from "@skyport/core";
import type { Services } from "./services.js";

const NAME = /^[\p{L} .'-]{1,64}$/u;

/** GET /hello?name=Ada -> {"message":"Hello, Ada!"}; a name that is not one is a 400 problem. */
export function greet(services: Services): Route[] {
  return [
    {
      path: "/hello",
      methods: {
        GET: async (request) => {
          const name = request.query.get("name") ?? "world";
          if (!NAME.test(name))
            throw new Problem("validation", "The query is not valid.", [
              { path: "name", message: "must be 1-64 letters, spaces, dots, apostrophes or hyphens" },
            ]);
          return json(200, { message: `${services.greeting}, ${name}!` });
        },
      },
    },
  ];
}

/** `job.requested` with a `jobId`: done once logged; one without a jobId can never succeed. */
export function runJob(services: Services): MessageConsumer {
  return async (event, context) => {
    if (typeof event.jobId !== "string" || event.jobId === "") throw new PoisonMessage("job.requested without a jobId");
    context.logger.info("job done", { jobId: event.jobId, at: services.clock.now().toISOString() });
  };
}

/** Every hour: says so, and returns when it ran. */
export function logTick(services: Services): ScheduleHandler {
  return async (_tick, context) => {
    const at = services.clock.now().toISOString();
    context.logger.info("tick", { at });
    return { at };
  };
}
