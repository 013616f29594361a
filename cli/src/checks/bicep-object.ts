import type { Json, JsonObject } from "./cloudformation-yaml.js";

/** A `resource <symbol> '<type>@<version>' = { ... }` of a Bicep file, its body read as JSON. */
export interface BicepResource {
  symbol: string;
  type: string;
  body: JsonObject;
}

/** The file's resources (those written `= {`, at the start of a line, closed by a `}` at the start of one). */
export function bicepResources(bicep: string): BicepResource[] {
  return [...bicep.matchAll(/^resource (\w+) '([^'@]+)@[^']*' = \{([\s\S]*?)^\}/gm)].map((m) => ({
    symbol: m[1]!,
    type: m[2]!,
    body: readBicepValue(`{${m[3]!}}`) as JsonObject,
  }));
}

/**
 * A Bicep object or array literal as JSON: strings, numbers, booleans and null as themselves;
 * anything Bicep computes (a name, a reference, a call) as its source text, and an interpolated
 * string as its text with `${...}` kept. Enough for resource bodies; not a Bicep parser.
 */
export function readBicepValue(text: string): Json {
  let at = 0;
  const skip = () => {
    for (;;) {
      const rest = text.slice(at);
      const blank = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!blank) return;
      at += blank[0].length;
    }
  };
  const fail = (what: string): never => {
    throw new Error(`Bicep value: ${what} at ${JSON.stringify(text.slice(at, at + 40))}`);
  };
  const string = (): string => {
    let out = "";
    at += 1;
    while (at < text.length && text[at] !== "'") {
      if (text[at] === "\\") {
        out += { n: "\n", r: "\r", t: "\t" }[text[at + 1]!] ?? text[at + 1];
        at += 2;
      } else out += text[at++];
    }
    if (text[at] !== "'") fail("an unclosed string");
    at += 1;
    return out;
  };
  const expression = (): Json => {
    const start = at;
    let depth = 0;
    while (at < text.length) {
      const c = text[at]!;
      if (c === "'") {
        string();
        continue;
      }
      if ("([{".includes(c)) depth += 1;
      else if (")]}".includes(c)) {
        if (depth === 0) break;
        depth -= 1;
      } else if (depth === 0 && (c === "\n" || c === ",")) break;
      at += 1;
    }
    const source = text.slice(start, at).trim();
    if (/^-?\d+(\.\d+)?$/.test(source)) return Number(source);
    return ({ true: true, false: false, null: null } as Record<string, Json>)[source] ?? source;
  };
  const items = (close: string, item: () => void) => {
    at += 1;
    for (skip(); text[at] !== close; skip()) {
      if (at >= text.length) fail(`no closing ${close}`);
      item();
      skip();
      if (text[at] === ",") at += 1;
    }
    at += 1;
  };
  const value = (): Json => {
    skip();
    if (text[at] === "{") {
      const object: JsonObject = {};
      items("}", () => {
        let key: string;
        if (text[at] === "'") key = string();
        else {
          key = /^[A-Za-z_$][\w$]*/.exec(text.slice(at))?.[0] ?? fail("a property name");
          at += key.length;
        }
        skip();
        if (text[at] !== ":") fail("a colon");
        at += 1;
        object[key] = value();
      });
      return object;
    }
    if (text[at] === "[") {
      const array: Json[] = [];
      items("]", () => array.push(value()));
      return array;
    }
    if (text[at] === "'" && /^'[^'\n]*'\s*(?:[,\n}\]]|$)/.test(text.slice(at))) return string();
    return expression();
  };
  return value();
}
