import { isUtf8 } from "node:buffer";
import type { HttpRequest } from "../function/http.js";
import { Problem } from "./problem.js";

/** The largest request body a route reads (64 KiB); a larger one is a 413. */
export const MAX_BODY_BYTES = 64 * 1024;
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json$/;
const BOM = 0xfeff;
const REPLACEMENT = "\ufffd";

/** 415, then 413, then 400: the JSON value of the body. */
export function readJsonBody(request: HttpRequest): unknown {
  const contentType = request.headers["content-type"];
  if (contentType !== "application/json" && !JSON_MEDIA.test((contentType ?? "").split(";", 1)[0]!.trim().toLowerCase())) {
    throw new Problem("unsupported-media-type", "Send the body as application/json.");
  }
  const bytes = request.body ?? new Uint8Array();
  if (bytes.byteLength > MAX_BODY_BYTES) {
    throw new Problem("payload-too-large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  let text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString("utf8");
  // Decoding puts U+FFFD where a byte sequence is not UTF-8: only then is the whole body checked.
  if (text.includes(REPLACEMENT) && !isUtf8(bytes)) throw new Problem("malformed-json", "The body is not valid UTF-8.");
  if (text.charCodeAt(0) === BOM) text = text.slice(1); // as a TextDecoder would: a leading BOM is not content
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem("malformed-json", "The body is not valid JSON.");
  }
}
