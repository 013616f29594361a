type SingleValued = Record<string, string | undefined> | null | undefined;
type MultiValued = Record<string, string[] | undefined> | null | undefined;

// RFC 9110 joins repeated fields with ", "; RFC 6265 joins cookies with "; ".
const separator = (name: string) => (name === "cookie" ? "; " : ", ");

/** Header names in lower case; a name sent more than once (in any case) joined into one value. */
export function lowerCaseHeaders(single: SingleValued, multi?: MultiValued): Record<string, string> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    const key = name.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), value]);
  };
  // Payload 1.0 carries both: multiValueHeaders has every value, headers only the last one.
  if (multi && Object.keys(multi).length > 0) {
    for (const [name, list] of Object.entries(multi)) for (const value of list ?? []) add(name, value);
  } else {
    for (const [name, value] of Object.entries(single ?? {})) add(name, value);
  }
  const headers: Record<string, string> = {};
  for (const [name, list] of values) headers[name] = list.join(separator(name));
  return headers;
}
