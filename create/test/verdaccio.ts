import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A registry of this test's own: verdaccio on 127.0.0.1, a token that may publish, and how to stop it. */
export interface Registry {
  url: string;
  /**
   * An npmrc for `npm_config_userconfig`: @skyport/* from this registry, with the token to publish
   * to it; every other package from the registry npm uses here, as a user's install takes them.
   */
  npmrc: string;
  stop(): Promise<void>;
}

const VERDACCIO = createRequire(import.meta.url).resolve("verdaccio/bin/verdaccio");

/**
 * Verdaccio on 127.0.0.1 and a free port, its config, storage and npmrc in `dir`: it serves
 * @skyport/* and create-skyport from what is published to it alone (no uplink), and proxies every
 * other package to the registry npm uses here (`npm config get registry`). Stopped by its process
 * group.
 */
export async function startRegistry(dir: string): Promise<Registry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const upstream = npmConfig("registry")!;
  const ours = { access: "$all", publish: "$authenticated" };
  const config = {
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 1 } },
    uplinks: { upstream: { url: upstream, timeout: "120s", max_fails: 5 } },
    packages: { "@skyport/*": ours, "create-skyport": ours, "**": { ...ours, proxy: "upstream" } },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "warn" },
  };
  // JSON is YAML: verdaccio reads it as its config.
  writeFileSync(join(dir, "config.yaml"), JSON.stringify(config, null, 2));
  const server = spawn(process.execPath, [VERDACCIO, "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // The CA list npm trusts (its cafile), for the proxied registry.
    env: { ...process.env, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? npmConfig("cafile") },
  });
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const stop = () => stopGroup(server);
  try {
    await until(server, `${url}-/ping`, () => output);
    const token = await addUser(url);
    const npmrc = join(dir, "npmrc");
    // The user's own npmrc (here, nodedir for native builds) and the registry. Verdaccio proxies the rest too, but at a
    // tarball every few seconds on two busy cores: npm takes them from the registry itself.
    const own = npmConfig("userconfig");
    const user = own && existsSync(own) ? `${readFileSync(own, "utf8").trimEnd()}\n` : "";
    writeFileSync(npmrc, `${user}registry=${upstream}\n@skyport:registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A user of the registry, as `npm adduser` makes one: its token publishes. */
async function addUser(url: string): Promise<string> {
  const name = "skyport-test";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "published-by-the-test" }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) throw new Error(`verdaccio refused a user: ${response.status}`);
  return token;
}

async function until(server: ChildProcess, ping: string, output: () => string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 60_000; await sleep(200)) {
    if (server.exitCode !== null) throw new Error(`verdaccio exited (${server.exitCode}):\n${output()}`);
    if (
      await fetch(ping).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
  }
  throw new Error(`verdaccio did not answer ${ping} in 60 s:\n${output()}`);
}

async function stopGroup(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid!, "SIGTERM");
  await Promise.race([exited, sleep(5_000).then(() => process.kill(-server.pid!, "SIGKILL"))]);
}

/** A setting of npm as it runs here, undefined when unset. */
function npmConfig(key: string): string | undefined {
  const value = execFileSync("npm", ["config", "get", key], { encoding: "utf8" }).trim();
  return value && value !== "null" && value !== "undefined" ? value : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}
