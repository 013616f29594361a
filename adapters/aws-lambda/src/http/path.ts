// Characters that may stand literally in an encoded path (RFC 3986 pchar and "/"), and escapes.
const LITERAL = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;

/**
 * The path percent-encoded, whichever way it came: REST APIs and function URLs deliver it
 * encoded, HTTP APIs decoded. Encoded input is returned unchanged, so nothing is encoded twice.
 */
export function encodedPath(path: string): string {
  let out = "";
  for (let i = 0; i < path.length; ) {
    const char = String.fromCodePoint(path.codePointAt(i)!);
    if (LITERAL.test(char) || (char === "%" && ESCAPE.test(path.slice(i)))) out += char;
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    i += char.length;
  }
  return out || "/";
}

/** HTTP APIs put a named stage in front of the path (`/prod/orders`); `$default` adds nothing. */
export function withoutStage(path: string, stage: string | undefined): string {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  if (path === prefix) return "/";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
