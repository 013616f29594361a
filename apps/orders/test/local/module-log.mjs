// node --import this file: every module the process resolves (ESM imports) is appended to the
// file SKYPORT_MODULE_LOG names, one URL a line. It shows which SDKs a start loads.
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.SKYPORT_MODULE_LOG, specifier + " " + resolved.url + "\\n");
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
