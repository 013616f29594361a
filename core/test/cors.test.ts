import { describe, expect, it } from "vitest";
import { ConfigError, readCorsPolicy } from "../src/index.js";
import { createOrderService } from "../src/orders/index.js";
import { corsContract, memoryOrderDeps, serviceSend } from "../src/orders/testing/index.js";

corsContract("core, called directly", (origins) => {
  const service = createOrderService(memoryOrderDeps({ cors: { origins: new Set(origins) } }));
  return { send: serviceSend(service) };
});

describe("SKYPORT_CORS_ORIGINS", () => {
  it("takes exact origins, comma-separated, and refuses anything else, naming it", () => {
    expect(readCorsPolicy({})).toBeUndefined();
    expect([...readCorsPolicy({ SKYPORT_CORS_ORIGINS: "https://shop.example.com, http://localhost:5173" })!.origins]).toEqual([
      "https://shop.example.com",
      "http://localhost:5173",
    ]);
    for (const bad of ["*", "shop.example.com", "https://shop.example.com/", "https://shop.example.com/path"]) {
      expect(() => readCorsPolicy({ SKYPORT_CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
    }
  });
});
