import type { HttpResponse } from "@skyport/core";

/** The raw body bytes: API Gateway base64-encodes bodies it treats as binary. */
export function eventBody(body: string | null | undefined, isBase64Encoded: boolean | undefined): Uint8Array | undefined {
  if (body === null || body === undefined || body === "") return undefined;
  return isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
}

const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml)$|application\/(?:javascript|x-www-form-urlencoded)$)/;

/** Text goes back as is; anything else base64, which API Gateway decodes for the client. */
export function resultBody(response: HttpResponse): { body: string; isBase64Encoded: boolean } {
  const body = response.body ?? "";
  const mediaType = (response.headers["content-type"] ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (body === "" || mediaType === "" || TEXTUAL.test(mediaType)) return { body, isBase64Encoded: false };
  return { body: Buffer.from(body, "utf8").toString("base64"), isBase64Encoded: true };
}
