import { ErrorResponse, TimeoutError } from "@azure/cosmos";
import { StoreUnavailable } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { storeFailure } from "../src/sdk-errors.js";

// The statuses the local server cannot be made to answer; the network case runs against a closed port.
function answered(status: number): ErrorResponse {
  const error = new ErrorResponse(`status ${status}`);
  error.code = status;
  return error;
}

describe("SDK errors", () => {
  it.each([408, 429, 449, 503])("turns %i into StoreUnavailable, keeping the SDK error as the cause", (status) => {
    const error = answered(status);
    const mapped = storeFailure(error);
    expect(mapped).toBeInstanceOf(StoreUnavailable);
    expect((mapped as StoreUnavailable).cause).toBe(error);
  });

  it("turns the SDK's request timeout into StoreUnavailable", () => {
    expect(storeFailure(new TimeoutError("slow"))).toBeInstanceOf(StoreUnavailable);
  });

  it("turns a socket error into StoreUnavailable, also inside an error of the SDK's own", () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    expect(storeFailure(reset)).toBeInstanceOf(StoreUnavailable);
    expect(storeFailure(new Error("request failed", { cause: reset }))).toBeInstanceOf(StoreUnavailable);
  });

  it.each([400, 401, 403, 404, 409, 412, 413, 500])("passes %i through, for the store to map or core to answer 500", (status) => {
    const error = answered(status);
    expect(storeFailure(error)).toBe(error);
  });
});
