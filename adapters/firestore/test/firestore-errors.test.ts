import { StoreUnavailable } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { storeFailure } from "../src/firestore-errors.js";

/** An error as the SDK rejects with it: grpc-js's ServiceError shape, a numeric status `code`. */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code, errno: -111, syscall: "connect" });

describe("SDK errors", () => {
  it.each([
    ["DEADLINE_EXCEEDED", grpcError(4, "DEADLINE_EXCEEDED: Deadline exceeded")],
    ["RESOURCE_EXHAUSTED", grpcError(8, "RESOURCE_EXHAUSTED: Quota exceeded.")],
    ["UNAVAILABLE", grpcError(14, "UNAVAILABLE: No connection established")],
    ["a refused connection", socketError("ECONNREFUSED")],
    ["a reset connection", socketError("ECONNRESET")],
    ["a failed DNS lookup", socketError("EAI_AGAIN")],
    ["a socket error the SDK wrapped", new Error("14 UNAVAILABLE", { cause: socketError("ECONNRESET") })],
  ])("become StoreUnavailable for %s, keeping the SDK error as cause", (_, error) => {
    const mapped = storeFailure(error);
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as StoreUnavailable).cause).toBe(error);
    expect((mapped as StoreUnavailable).message).toBe("store unavailable");
  });

  it.each([
    ["PERMISSION_DENIED", grpcError(7, "PERMISSION_DENIED: Missing or insufficient permissions.")],
    ["INVALID_ARGUMENT", grpcError(3, "INVALID_ARGUMENT: bad request")],
    ["a programming error", new TypeError("x is not a function")],
  ])("stay what they are for %s (a 500 that says nothing)", (_, error) => {
    expect(storeFailure(error)).toBe(error);
  });
});
