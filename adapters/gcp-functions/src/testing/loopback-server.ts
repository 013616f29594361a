import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { getTestServer } from "@google-cloud/functions-framework/testing";

/** The functions framework's server for one function on loopback: its URL, and how to close it. */
export interface FunctionServer {
  url: string;
  close(): Promise<void>;
}

/** The framework's own server for a registered function, on a free port of 127.0.0.1 only. */
export async function serveFunction(name: string): Promise<FunctionServer> {
  const server = getTestServer(name);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
