// Characters that may stand literally in an encoded path (RFC 3986 pchar and "/"), and escapes.
const LITERAL = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
const ESCAPE = /^%[0-9A-Fa-f]{2}/;
/** LITERAL as a table of ASCII codes, so a path with nothing to encode is checked without a regex per character. */
const PLAIN = new Uint8Array(128).map((_, code) => (LITERAL.test(String.fromCharCode(code)) ? 1 : 0));

function isPlain(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 128 || PLAIN[code] === 0) return false;
  }
  return true;
}

/**
 * The path percent-encoded, whichever way it came: REST APIs and function URLs deliver it
 * encoded, HTTP APIs decoded. Encoded input is returned unchanged, so nothing is encoded twice.
 */
export function encodedPath(path: string): string {
  if (isPlain(path)) return path || "/";
  let out = "";
  for (let i = 0; i < path.length; ) {
    const char = String.fromCodePoint(path.codePointAt(i)!);
    if (LITERAL.test(char) || (char === "%" && ESCAPE.test(path.slice(i)))) out += char;
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    i += char.length;
  }
  return out || "/";
}

/** HTTP APIs put a named stage in front of the path (`/prod/items`); `$default` adds nothing. */
export function withoutStage(path: string, stage: string | undefined): string {
  if (!stage || stage === "$default") return path;
  const prefix = `/${stage}`;
  if (path === prefix) return "/";
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}
