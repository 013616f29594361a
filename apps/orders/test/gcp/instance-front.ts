import { once } from "node:events";
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the front passed it to the instance, and what came back (undefined while in flight). */
export interface Exchange {
  body: string;
  /** The request reached the instance (sent on its socket). */
  arrived: boolean;
  status?: number;
}

/**
 * Cloud Run's front for a function's instance, on 127.0.0.1: what Pub/Sub push, Eventarc and the
 * Firestore emulator POST to. Each request goes to the instance's Unix socket; while no instance
 * listens (one is starting) it waits, as Cloud Run queues requests for a starting instance; a
 * request whose instance dies before answering gets 503, as Cloud Run answers for a crashed one.
 */
export async function instanceFront(socketPath: string, { startWaitMs = 30_000 } = {}) {
  const exchanges: Exchange[] = [];
  const arrivals = new Set<(exchange: Exchange) => void>();
  const server = createServer(async (incoming, outgoing) => {
    const body = await bodyOf(incoming);
    const exchange: Exchange = { body: body.toString("utf8"), arrived: false };
    exchanges.push(exchange);
    const answer = await forward(socketPath, incoming, body, startWaitMs, () => {
      exchange.arrived = true;
      for (const arrived of arrivals) arrived(exchange);
    });
    exchange.status = answer.status;
    outgoing.writeHead(answer.status, answer.headers).end(answer.body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    /** Every request passed on so far, in order of arrival. */
    exchanges: () => [...exchanges],
    /** Requests the instance has and has not answered yet. */
    inFlight: () => exchanges.filter((exchange) => exchange.arrived && exchange.status === undefined).length,
    /** Called as each request reaches the instance (it is connected and the request sent). */
    onArrival(listener: (exchange: Exchange) => void) {
      arrivals.add(listener);
      return () => arrivals.delete(listener);
    },
    async close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

interface Answer {
  status: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

async function forward(socketPath: string, incoming: IncomingMessage, body: Buffer, startWaitMs: number, arrived: () => void): Promise<Answer> {
  for (const deadline = Date.now() + startWaitMs; ; await new Promise((resolve) => setTimeout(resolve, 25))) {
    const answer = await attempt(socketPath, incoming, body, arrived);
    // Refused: no instance listens yet. Anything else is the instance's answer, or its death.
    if (answer !== "refused") return answer;
    if (Date.now() > deadline) return { status: 503 };
  }
}

function attempt(socketPath: string, incoming: IncomingMessage, body: Buffer, arrived: () => void): Promise<Answer | "refused"> {
  return new Promise((resolve) => {
    const headers = { ...incoming.headers, host: "localhost", "content-length": String(body.byteLength) };
    const outgoing = request({ socketPath, path: incoming.url, method: incoming.method, headers }, async (response) => {
      try {
        const { "transfer-encoding": _chunked, connection: _connection, "keep-alive": _keepAlive, ...headers } = response.headers;
        resolve({ status: response.statusCode!, headers, body: await bodyOf(response) });
      } catch {
        resolve({ status: 503 }); // the instance died while answering
      }
    });
    outgoing.once("finish", arrived);
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      const refused = error.code === "ECONNREFUSED" || error.code === "ENOENT";
      resolve(refused ? "refused" : { status: 503 });
    });
    outgoing.end(body);
  });
}

async function bodyOf(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
