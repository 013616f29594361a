import { connect, createServer, type Socket } from "node:net";

export interface Forwarder {
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:port and pipes every connection to a Unix socket (a server in another network namespace). */
export function forwardToUnixSocket(port: number, socketPath: string): Promise<Forwarder> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(socketPath);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once("close", () => open.delete(socket));
    }
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const close = () =>
    new Promise<void>((resolve) => {
      // Keep-alive connections would hold close() open: end them with the forwarder.
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ close }));
  });
}
