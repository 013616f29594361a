import type { HttpResponse } from "@skyport/core";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Bytes that are not UTF-8: core answers them 400 (after the route, method and media type checks). */
const UNDECODABLE = new Uint8Array([0xff]);

/** The raw body bytes: API Gateway base64-encodes bodies it treats as binary. */
export function eventBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array | undefined {
  if (body === null || body === undefined || body === "") return undefined;
  if (!isBase64Encoded) return Buffer.from(body, "utf8");
  // Node's decoder skips what is not base64; a body that is not base64 must not become JSON by accident.
  return BASE64.test(body) ? Buffer.from(body, "base64") : UNDECODABLE;
}

const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml)$|application\/(?:javascript|x-www-form-urlencoded)$)/;

/** Text goes back as is; anything else base64, which API Gateway decodes for the client. */
export function resultBody(response: HttpResponse): { body: string; isBase64Encoded: boolean } {
  const body = response.body ?? "";
  const mediaType = (response.headers["content-type"] ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (body === "" || mediaType === "" || TEXTUAL.test(mediaType)) return { body, isBase64Encoded: false };
  return { body: Buffer.from(body, "utf8").toString("base64"), isBase64Encoded: true };
}
