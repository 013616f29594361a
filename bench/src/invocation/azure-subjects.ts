import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import { azureHttpHandler } from "@skyport/azure-functions";
import { hostInvocationContext } from "../../../adapters/azure-functions/src/testing/host-context.js";
import { hostHttpRequest } from "../../../adapters/azure-functions/src/testing/host-http.js";
import { hostSettings } from "@skyport/azure-functions";
import host from "../../../apps/orders/host.json" with { type: "json" };
import { handWrittenAzureHttp } from "../hand-written/azure-functions.js";
import { plainDeps } from "./plain-deps.js";
import { skyportInstance } from "./skyport-instance.js";
import { anySubject, BENCH_LOG_LEVELS, type Answer, type BenchLogLevel, type Subject } from "./subject.js";
import { JSON_HEADERS, ORDER_BODY } from "./workload.js";

interface Invocation {
  request: HttpRequest;
  context: InvocationContext;
}

/** An HttpRequest and InvocationContext as @azure/functions builds them from the host's RPC message. */
function invocation(method: string, path: string, headers: Record<string, string>, body?: string): Invocation {
  return {
    request: hostHttpRequest({ method, path, headers, body }),
    context: hostInvocationContext({ functionName: "api", triggerType: "httpTrigger" }),
  };
}

function answer(result: HttpResponseInit): Answer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((result.headers ?? {}) as Record<string, string>)) headers[name.toLowerCase()] = value;
  return { status: result.status ?? 200, headers, body: typeof result.body === "string" ? result.body : "" };
}

function subject(layer: string, logLevel: BenchLogLevel, handler: HttpHandler): Subject<Invocation, HttpResponseInit> {
  return {
    cloud: "azure",
    event: "Azure HttpRequest",
    layer,
    logLevel,
    posts: (count) => Array.from({ length: count }, () => invocation("POST", "/orders", JSON_HEADERS, ORDER_BODY)),
    gets: (ids) => ids.map((id) => invocation("GET", `/orders/${id}`, {})),
    request: invocation,
    invoke: ({ request, context }) => handler(request, context) as Promise<HttpResponseInit>,
    answer,
  };
}

/** app.http through Skyport (as apps/orders/src/azure/main.ts wires it) and by hand, at each log level. */
export function azureSubjects(): Subject[] {
  return BENCH_LOG_LEVELS.flatMap((level) => {
    const instance = skyportInstance("azure", level);
    const skyport = azureHttpHandler(instance.http, { logLevel: level, functionTimeoutMs: hostSettings(host).functionTimeoutMs });
    return [anySubject(subject("Skyport", level, skyport)), anySubject(subject("hand-written", level, handWrittenAzureHttp(plainDeps("azure", level))))];
  });
}
