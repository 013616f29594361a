import { ConfigError, describeError, type App, type Wiring } from "@skyport/core";
import { quietAwsSdkNodeWarning } from "./aws-sdk-warning.js";
import { DEFAULT_DASHBOARD_PORT, startLocalApp } from "./local-app.js";

/** `npm start`: serve the app until SIGTERM or SIGINT, then finish what is in flight and release the services. */
export async function runLocalApp<S>(app: App<S>, wiring: Wiring<S>): Promise<void> {
  quietAwsSdkNodeWarning();
  try {
    // The dashboard on 127.0.0.1:3100 unless SKYPORT_DASHBOARD_PORT says otherwise (`off` for none).
    const local = await startLocalApp(app, wiring, { SKYPORT_DASHBOARD_PORT: DEFAULT_DASHBOARD_PORT, ...process.env });
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`${JSON.stringify({ level: "info", message: "shutting down", signal })}\n`);
      local.close().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`${JSON.stringify({ level: "error", message: "shutdown failed", error: describeError(error) })}\n`);
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : `could not start: ${String(error)}`}\n`);
    if (!(error instanceof ConfigError)) process.stderr.write(`${JSON.stringify(describeError(error))}\n`);
    process.exit(1);
  }
}
