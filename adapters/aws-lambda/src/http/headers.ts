type SingleValued = Record<string, string | undefined> | null | undefined;
type MultiValued = Record<string, string[] | undefined> | null | undefined;

// RFC 9110 joins repeated fields with ", "; RFC 6265 joins cookies with "; ".
const separator = (name: string) => (name === "cookie" ? "; " : ", ");

/** One value under its lower-case name, after any the name (in any case) already has. */
function add(headers: Record<string, string>, name: string, value: string | undefined): void {
  if (value === undefined) return;
  const key = name.toLowerCase();
  // hasOwn, not a lookup: a header named "constructor" must not find Object.prototype's.
  headers[key] = Object.hasOwn(headers, key) ? headers[key] + separator(key) + value : value;
}

/** Header names in lower case; a name sent more than once (in any case) joined into one value. */
export function lowerCaseHeaders(single: SingleValued, multi?: MultiValued): Record<string, string> {
  const headers: Record<string, string> = {};
  // Payload 1.0 carries both: multiValueHeaders has every value, headers only the last one.
  const names = multi ? Object.keys(multi) : [];
  if (names.length > 0) {
    for (const name of names) {
      const list = multi![name];
      if (list) for (const value of list) add(headers, name, value);
    }
  } else if (single) {
    for (const name of Object.keys(single)) add(headers, name, single[name]);
  }
  return headers;
}
