import { fetchTarget } from "@skyport/core/testing";
import { corsContract } from "@skyport/core/orders/testing";
import { startLocalServer } from "./local-server.js";

corsContract("local server over HTTP (SKYPORT_CORS_ORIGINS)", async (origins) => {
  const server = await startLocalServer(
    { PORT: "0", SKYPORT_STORE: "memory", SKYPORT_LOG_LEVEL: "error", SKYPORT_CORS_ORIGINS: origins.join(",") },
    { logWrite: () => {} },
  );
  return fetchTarget(server.url, { close: server.close });
});
