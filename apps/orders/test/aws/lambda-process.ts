import { once } from "node:events";
import { dirname } from "node:path";
import { startServerProcess, type ServerProcess } from "@skyport/core/testing";
import { bundleFile, runtimeInterfaceClient, type AwsFunction } from "./bundles.js";
import { LocalRuntimeApi } from "./runtime-api.js";

export interface RunningFunction {
  api: LocalRuntimeApi;
  process: ServerProcess;
  /**
   * SIGKILLs the function's process, as a crashed or timed-out execution environment ends, and
   * fails what it held, as Lambda fails an invocation whose runtime exited (Runtime.ExitError).
   */
  kill(): Promise<void>;
}

/**
 * A built bundle as Lambda runs it: `aws-lambda-ric index.handler` in the CodeUri folder, polling its own Runtime API.
 * `codeDir` runs another build's folder (one with a rule taken out, to see a fault test catch it).
 */
export async function runFunction(fn: AwsFunction, env: Record<string, string>, codeDir = dirname(bundleFile(fn, "index.mjs"))): Promise<RunningFunction> {
  const launcher = runtimeInterfaceClient();
  const api = await LocalRuntimeApi.start(`skyport-orders-${fn}`);
  try {
    const process = await startServerProcess({
      name: `aws-lambda-ric (${fn})`,
      command: globalThis.process.execPath,
      args: [launcher, "index.handler"],
      cwd: codeDir,
      port: 0,
      env: {
        ...env,
        AWS_LAMBDA_RUNTIME_API: api.address,
        AWS_LAMBDA_FUNCTION_NAME: `skyport-orders-${fn}`,
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
      },
      ready: async () => api.polls > 0,
      timeoutMs: 20_000,
    });
    const kill = async () => {
      const { child } = process;
      if (child.exitCode === null && child.signalCode === null) {
        const gone = once(child, "exit");
        child.kill("SIGKILL");
        await gone;
      }
      api.failInFlight("Runtime.ExitError", "the runtime exited with signal SIGKILL");
      await api.close();
    };
    return { api, process, kill };
  } catch (error) {
    await api.close();
    throw error;
  }
}
