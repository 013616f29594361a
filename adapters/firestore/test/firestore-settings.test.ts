import { ConfigError } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { firestoreSettings } from "../src/index.js";

describe("firestore settings from the environment", () => {
  it("takes the project, and the (default) database unless one is named", () => {
    expect(firestoreSettings({ GOOGLE_CLOUD_PROJECT: "skyport-prod" })).toEqual({ projectId: "skyport-prod", databaseId: "(default)" });
    expect(firestoreSettings({ GOOGLE_CLOUD_PROJECT: "skyport-prod", SKYPORT_FIRESTORE_DATABASE: "orders-eu" })).toMatchObject({ databaseId: "orders-eu" });
  });

  it("talks plain gRPC to the emulator named by FIRESTORE_EMULATOR_HOST", () => {
    expect(firestoreSettings({ GOOGLE_CLOUD_PROJECT: "demo-x", FIRESTORE_EMULATOR_HOST: "127.0.0.1:8681" })).toEqual({
      projectId: "demo-x",
      databaseId: "(default)",
      host: "127.0.0.1:8681",
      ssl: false,
    });
  });

  it.each([
    ["GOOGLE_CLOUD_PROJECT", {}],
    ["GOOGLE_CLOUD_PROJECT", { GOOGLE_CLOUD_PROJECT: "Not A Project" }],
    ["SKYPORT_FIRESTORE_DATABASE", { GOOGLE_CLOUD_PROJECT: "demo-x", SKYPORT_FIRESTORE_DATABASE: "Orders/EU" }],
    ["FIRESTORE_EMULATOR_HOST", { GOOGLE_CLOUD_PROJECT: "demo-x", FIRESTORE_EMULATOR_HOST: "http://127.0.0.1:8681" }],
  ])("refuses at start with a ConfigError naming %s", (variable, env) => {
    expect(() => firestoreSettings(env)).toThrow(ConfigError);
    expect(() => firestoreSettings(env)).toThrow(expect.objectContaining({ variable }));
  });
});
