import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Where the Firestore emulator (started with --functions_emulator) POSTs document triggers:
 * `/functions/projects/<project>/triggers/<id>`. Each test file works in a project of its own and
 * routes its project to its outbox function (POST /routes {project, url}); the delivery is passed
 * on as it came, and the function's status goes back to the emulator.
 */
export async function startTriggerRouter() {
  const routes = new Map<string, string>();
  const body = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer(async (request, response) => {
    const payload = await body(request);
    if (request.url === "/routes") {
      const { project, url } = JSON.parse(payload.toString()) as { project: string; url: string };
      routes.set(project, url);
      return response.writeHead(204).end();
    }
    const project = /^\/functions\/projects\/([^/]+)\/triggers\//.exec(request.url ?? "")?.[1];
    const target = project && routes.get(project);
    if (!target) return response.writeHead(404).end();
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.startsWith("ce-") || name === "content-type")) as Record<
      string,
      string
    >;
    const answer = await fetch(target, { method: "POST", headers, body: payload }).catch(() => undefined);
    response.writeHead(answer?.status ?? 502).end(answer ? Buffer.from(await answer.arrayBuffer()) : undefined);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
