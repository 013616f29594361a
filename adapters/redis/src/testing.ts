import { freePort, startServerProcess, type ServerProcess } from "@skyport/core/testing";

/** A redis-server on loopback: its URL, and how to stop it. */
export interface RedisServer extends ServerProcess {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
}

/**
 * Debian's redis-server on loopback, nothing kept on disk: what the tests run the cache on. On a
 * port already chosen, a server killed a moment ago comes back where its clients look for it.
 */
export async function startRedisServer({ port }: { port?: number } = {}): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const server = await startServerProcess({
    name: "redis-server",
    command: "redis-server",
    args: ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    port: chosen,
    timeoutMs: 30_000,
  });
  return { ...server, url: `redis://127.0.0.1:${chosen}` };
}
