import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the function reported through POST .../error (or /init/error). */
export class FunctionError extends Error {
  constructor(
    readonly errorType: string,
    errorMessage: string,
  ) {
    super(`${errorType}: ${errorMessage}`);
    this.name = "FunctionError";
  }
}

interface Invocation {
  requestId: string;
  event: unknown;
  deadlineMs: number;
  traceId: string;
  settle: { resolve(result: unknown): void; reject(error: Error): void };
}

const PREFIX = "/2018-06-01/runtime";

/**
 * The Lambda Runtime API, as far as a function process uses it: the runtime interface client
 * long-polls `invocation/next`, and answers each invocation at `invocation/<id>/response` or
 * `invocation/<id>/error`. `invoke()` plays the Lambda service's side.
 */
export class LocalRuntimeApi {
  /** How many times the function asked for its next invocation: it is up once this is > 0. */
  polls = 0;
  /** How many invocations the function answered (a response or an error). */
  answers = 0;
  /**
   * Keeps every answer in flight instead of handing it to the caller: a fault test then kills the
   * process after the work was done but before Lambda learnt of it (`failInFlight` fails them).
   */
  holdAnswers = false;
  private readonly queued: Invocation[] = [];
  private readonly waiting: ServerResponse[] = [];
  private readonly inFlight = new Map<string, Invocation>();
  private initError?: FunctionError;

  private constructor(
    private readonly server: Server,
    private readonly functionArn: string,
  ) {}

  static async start(functionName: string): Promise<LocalRuntimeApi> {
    const server = createServer();
    const api = new LocalRuntimeApi(server, `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`);
    server.on("request", (req, res) => void api.route(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return api;
  }

  /** host:port, for AWS_LAMBDA_RUNTIME_API. */
  get address(): string {
    const { port } = this.server.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  /** Hands an event to the function and resolves with what it returned. */
  invoke(event: unknown, timeoutMs = 15_000): Promise<unknown> {
    if (this.initError) return Promise.reject(this.initError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to the invocation in ${timeoutMs} ms`)), timeoutMs);
      const invocation: Invocation = {
        requestId: randomUUID(),
        event,
        deadlineMs: Date.now() + timeoutMs,
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll("-", "").slice(0, 24)};Parent=53995c3f42cd8ad8;Sampled=1`,
        settle: {
          resolve: (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        },
      };
      this.queued.push(invocation);
      this.dispatch();
    });
  }

  /** Fails every invocation handed out or waiting, as Lambda does when the runtime process exits. */
  failInFlight(errorType: string, errorMessage: string): void {
    const error = new FunctionError(errorType, errorMessage);
    for (const invocation of [...this.queued.splice(0), ...this.inFlight.values()]) invocation.settle.reject(error);
    this.inFlight.clear();
  }

  async close(): Promise<void> {
    for (const res of this.waiting.splice(0)) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }

  private dispatch() {
    while (this.queued.length && this.waiting.length) {
      const invocation = this.queued.shift()!;
      const res = this.waiting.shift()!;
      this.inFlight.set(invocation.requestId, invocation);
      res.writeHead(200, {
        "content-type": "application/json",
        "lambda-runtime-aws-request-id": invocation.requestId,
        "lambda-runtime-deadline-ms": String(invocation.deadlineMs),
        "lambda-runtime-invoked-function-arn": this.functionArn,
        "lambda-runtime-trace-id": invocation.traceId,
      });
      res.end(JSON.stringify(invocation.event));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req
        .setEncoding("utf8")
        .on("data", (chunk: string) => (text += chunk))
        .on("end", () => resolve(text));
    });
    const path = req.url ?? "";
    if (req.method === "GET" && path === `${PREFIX}/invocation/next`) {
      this.polls++;
      this.waiting.push(res);
      return this.dispatch();
    }
    const answer = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (req.method === "POST" && answer) {
      const invocation = this.inFlight.get(decodeURIComponent(answer[1]!));
      if (!invocation) return this.reply(res, 400, { errorMessage: "unknown request id", errorType: "InvalidRequestID" });
      this.answers++;
      // Held: the function has answered, but the answer stays in flight until the test lets the process die.
      if (this.holdAnswers) return this.reply(res, 202, { status: "OK" });
      this.inFlight.delete(invocation.requestId);
      if (answer[2] === "response") invocation.settle.resolve(body === "" ? null : JSON.parse(body));
      else invocation.settle.reject(functionError(body, req));
      return this.reply(res, 202, { status: "OK" });
    }
    if (req.method === "POST" && path === `${PREFIX}/init/error`) {
      this.initError = functionError(body, req);
      for (const invocation of [...this.queued.splice(0), ...this.inFlight.values()]) invocation.settle.reject(this.initError);
      this.inFlight.clear();
      return this.reply(res, 202, { status: "OK" });
    }
    this.reply(res, 404, { errorMessage: `no route ${req.method} ${path}`, errorType: "NotFound" });
  }

  private reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}

function functionError(body: string, req: IncomingMessage): FunctionError {
  let parsed: { errorType?: string; errorMessage?: string } = {};
  try {
    parsed = JSON.parse(body);
  } catch {}
  const type = parsed.errorType ?? String(req.headers["lambda-runtime-function-error-type"] ?? "Unknown");
  return new FunctionError(type, parsed.errorMessage ?? body);
}
