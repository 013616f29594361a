import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Env } from "@skyport/core";
import type { ContractRequest, ContractResponse } from "@skyport/core/testing";
import { startFrameworkProcess } from "@skyport/gcp-functions/testing";

export interface ServedFunction {
  send(request: ContractRequest): Promise<ContractResponse>;
  stop(): Promise<void>;
}

/** The directory `gcloud functions deploy <target> --source` uploads, served as Cloud Functions serves it, on a socket in a folder of its own. */
export async function serveFunction(source: string, target: string, env: Env): Promise<ServedFunction> {
  const dir = mkdtempSync(join(tmpdir(), "skyport-gcp-"));
  try {
    const { server, send } = await startFrameworkProcess({ source, target, env, socketPath: join(dir, "function.sock") });
    return {
      send,
      async stop() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
