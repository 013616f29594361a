import { describe, expect, it } from "vitest";
import { isNetworkError } from "../src/index.js";

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code, syscall: "connect" });

describe("network errors", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])(
    "are recognised by Node's code %s",
    (code) => expect(isNetworkError(socketError(code))).toBe(true),
  );

  it("are recognised inside an SDK's own error, along the cause chain", () => {
    const wrapped = new Error("request failed", { cause: new Error("send failed", { cause: socketError("ECONNRESET") }) });
    expect(isNetworkError(wrapped)).toBe(true);
  });

  it("are not answers, programming errors, numeric codes or things that are not errors", () => {
    for (const error of [
      new TypeError("x is not a function"),
      Object.assign(new Error("busy"), { code: 14 }),
      { code: "EACCES" },
      "ECONNRESET",
      null,
      undefined,
    ]) {
      expect(isNetworkError(error)).toBe(false);
    }
  });

  it("end on a chain that loops back on itself", () => {
    const looped: Error & { cause?: unknown } = new Error("a");
    looped.cause = looped;
    expect(isNetworkError(looped)).toBe(false);
  });
});
