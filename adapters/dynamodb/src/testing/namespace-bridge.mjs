// Runs inside a private network namespace (plain Node: it is spawned, not imported). It starts
// DynamoDB Local there, where the only interface is loopback, and exposes it on a Unix socket,
// which the test process can reach from outside the namespace.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";

const [socketPath, port, ...javaArgs] = process.argv.slice(2);

const java = spawn("java", javaArgs, { stdio: "inherit" });
java.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => java.kill(signal));

createServer((client) => {
  const upstream = connect({ host: "127.0.0.1", port: Number(port) });
  client.on("error", () => upstream.destroy());
  upstream.on("error", () => client.destroy());
  client.pipe(upstream).pipe(client);
}).listen(socketPath);
