import { Hono } from "hono";
import { handle } from "hono/aws-lambda";
import { createOrder, getOrder, parseJsonBody, requestIdOf, type PlainDeps, type PlainResponse } from "./orders.js";

const respond = (response: PlainResponse) => new Response(response.body, { status: response.status, headers: response.headers });

/** The same two routes on Hono, served through `hono/aws-lambda`. */
export function honoApiGatewayV2(deps: PlainDeps) {
  const app = new Hono<{ Bindings: { lambdaContext: { awsRequestId: string } } }>();
  app.post("/orders", async (c) => {
    const requestId = requestIdOf(c.req.header("x-request-id"), c.env.lambdaContext.awsRequestId);
    const text = await c.req.text();
    const parsed = parseJsonBody(c.req.header("content-type"), text, Buffer.byteLength(text), requestId);
    return respond("value" in parsed ? await createOrder(deps, parsed.value, requestId) : parsed);
  });
  app.get("/orders/:id", async (c) =>
    respond(await getOrder(deps, c.req.param("id"), requestIdOf(c.req.header("x-request-id"), c.env.lambdaContext.awsRequestId))),
  );
  return handle(app);
}
