import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface Range {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  url: string;
  functions: { ranges: Range[] }[];
}

/** Which offsets of the script ran: every function range painted with its count, outer ranges before the ones inside them. */
function executedOffsets(length: number, ranges: Range[]): Uint8Array {
  const ran = new Uint8Array(length);
  const ordered = [...ranges].sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  for (const { startOffset, endOffset, count } of ordered) ran.fill(count > 0 ? 1 : 0, startOffset, Math.min(endOffset, length));
  return ran;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Calls `visit(line, column, source)` for every segment of a source map's `mappings` (base64 VLQ). */
function eachMapping(mappings: string, visit: (line: number, column: number, source: number) => void) {
  let line = 0;
  let source = 0;
  let i = 0;
  const fields: number[] = [];
  const readVlq = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const digit = DIGIT.get(mappings[i++]!)!;
      value += (digit & 31) << shift;
      if (!(digit & 32)) break;
      shift += 5;
    }
    return value & 1 ? -(value >>> 1) : value >>> 1;
  };
  let column = 0;
  while (i < mappings.length) {
    const c = mappings[i];
    if (c === ";") {
      line++;
      column = 0;
      i++;
      continue;
    }
    if (c === ",") {
      i++;
      continue;
    }
    fields.length = 0;
    while (i < mappings.length && mappings[i] !== "," && mappings[i] !== ";") fields.push(readVlq());
    column += fields[0]!;
    if (fields.length >= 4) {
      source += fields[1]!;
      visit(line, column, source);
    }
  }
}

/**
 * The source files (absolute paths) of a bundle whose code ran, from the V8 coverage that
 * NODE_V8_COVERAGE wrote for a process that loaded it, and the source maps beside its files: the
 * bundle's own and, where the build split it (Azure), those of the chunks it loaded (chunks/ beside it).
 */
export function executedSources(coverageDir: string, bundle: string): Set<string> {
  const url = pathToFileURL(bundle).href;
  const chunks = `${pathToFileURL(join(dirname(bundle), "chunks")).href}/`;
  const scripts = readdirSync(coverageDir).flatMap(
    (file) => (JSON.parse(readFileSync(join(coverageDir, file), "utf8")) as { result: ScriptCoverage[] }).result,
  );
  if (!scripts.some((s) => s.url === url)) throw new Error(`no coverage for ${bundle}: was it loaded?`);
  return new Set(scripts.filter((s) => s.url === url || s.url.startsWith(chunks)).flatMap((script) => [...sourcesThatRan(script)]));
}

/** The sources of one loaded file of a bundle whose code ran, through the file's source map. */
function sourcesThatRan(script: ScriptCoverage): Set<string> {
  const file = fileURLToPath(script.url);
  const code = readFileSync(file, "utf8");
  // The script's own top level spans the whole file, and V8 leaves functions it never compiled
  // out of the report: only code inside a function that ran counts (each module's code is in one,
  // esbuild's lazy wrapper, unless it was imported statically at the top).
  const functions = script.functions.filter((f) => !(f.ranges[0]!.startOffset === 0 && f.ranges[0]!.endOffset >= code.length));
  const ran = executedOffsets(
    code.length,
    functions.flatMap((f) => f.ranges),
  );
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const map = JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[]; mappings: string };
  const hit = new Set<number>();
  eachMapping(map.mappings, (line, column, source) => {
    if (ran[lineStarts[line]! + column]) hit.add(source);
  });
  return new Set([...hit].map((index) => resolve(dirname(file), map.sources[index]!)));
}
