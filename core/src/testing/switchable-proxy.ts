import { createServer, connect, type Socket } from "node:net";
import { freePort } from "./server-process.js";

/** A TCP proxy in front of a stand-in that a test takes down, slows, and brings back. */
export interface SwitchableProxy {
  port: number;
  /** The backend stops answering: open connections are cut and new ones are reset. */
  down(): void;
  /** Every byte, both ways, arrives `latencyMs` late (in order) on open and new connections; `up` makes it prompt again. */
  slow(latencyMs: number): void;
  up(): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of an emulator, to take the store away mid-run. */
export async function switchableProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<SwitchableProxy> {
  let isDown = false;
  let latencyMs = 0;
  /** Copies `from` to `to`, each chunk held `latencyMs` and never passing the one before it. */
  const relay = (from: Socket, to: Socket) => {
    let due = 0;
    from.on("data", (chunk: Buffer) => {
      if (latencyMs === 0 && due <= Date.now()) return void to.write(chunk);
      due = Math.max(Date.now() + latencyMs, due);
      setTimeout(() => to.writable && to.write(chunk), due - Date.now());
    });
    from.once("end", () => setTimeout(() => to.end(), Math.max(0, due - Date.now())));
  };
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (isDown) return void client.resetAndDestroy();
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    relay(client, upstream);
    relay(upstream, client);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", cut);
    upstream.on("error", cut);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    down() {
      isDown = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    slow(latency) {
      latencyMs = latency;
    },
    up() {
      isDown = false;
      latencyMs = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
