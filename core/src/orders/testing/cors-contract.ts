import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpTarget } from "../../testing/http-target.js";

/** The target's service allows exactly these origins (SKYPORT_CORS_ORIGINS). */
export type CorsTargetFactory = (origins: readonly string[]) => Promise<HttpTarget> | HttpTarget;

const LISTED = "https://shop.example.com";
const OTHER = "https://evil.example.net";

/** CORS as docs/API.md has it: exact origins, preflight 204, `Vary: Origin`, nothing for an origin not listed. */
export function corsContract(name: string, factory: CorsTargetFactory) {
  describe(`CORS: ${name}`, () => {
    let target: HttpTarget;
    beforeAll(async () => {
      target = await factory([LISTED, "http://localhost:5173"]);
    });
    afterAll(async () => {
      await target?.close?.();
    });
    const preflight = (origin: string) =>
      target.send({
        method: "OPTIONS",
        path: "/orders",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, idempotency-key" },
      });

    it("answers a listed origin's preflight with 204, the route's methods and the headers the API reads", async () => {
      const response = await preflight(LISTED);
      expect(response.status).toBe(204);
      expect(response.headers).toMatchObject({ "access-control-allow-origin": LISTED, vary: expect.stringContaining("Origin") });
      expect(response.headers["access-control-allow-methods"]).toBe("GET, HEAD, POST, OPTIONS");
      for (const header of ["authorization", "content-type", "idempotency-key", "if-match"])
        expect(response.headers["access-control-allow-headers"]).toContain(header);
    });

    it("gives an origin that is not listed no CORS header, on the preflight and on the request", async () => {
      const refused = await preflight(OTHER);
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
      expect(refused.headers["access-control-allow-methods"]).toBeUndefined();
      const request = await target.send({ method: "GET", path: "/health", headers: { origin: OTHER } });
      expect(request.status).toBe(200);
      expect(request.headers["access-control-allow-origin"]).toBeUndefined();
      expect(request.headers.vary).toContain("Origin");
    });

    it("lets a listed origin read answers, errors included, and the headers a client needs", async () => {
      for (const [path, status] of [
        ["/health", 200],
        ["/nope", 404],
      ] as const) {
        const response = await target.send({ method: "GET", path, headers: { origin: LISTED } });
        expect(response.status).toBe(status);
        expect(response.headers["access-control-allow-origin"]).toBe(LISTED);
        expect(response.headers["access-control-expose-headers"]).toContain("location");
        expect(response.headers["access-control-expose-headers"]).toContain("x-request-id");
        expect(response.headers.vary).toContain("Origin");
      }
    });
  });
}
