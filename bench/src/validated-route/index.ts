import { loadavg } from "node:os";
import { compileSchemasAtRunTime } from "@skyport/core/schemas";
import { median } from "../invocation/measure.js";
import { context, declaredRoute, type Handler, handCheckedRoute } from "./routes.js";

export interface ValidatedRouteCounts {
  rounds: number;
  /** Requests per side per round: valid notes and, one in ten, a note with three broken rules. */
  requests: number;
  warmup: number;
}

export interface ValidatedRouteResult extends ValidatedRouteCounts {
  command: string;
  startedAt: string;
  loadAverage: [number, number];
  /** µs per request, the median of the rounds. */
  declaredUs: number;
  byHandUs: number;
  /** The median of the rounds' declared / by-hand, and their least and greatest. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
}

const note = (i: number) =>
  i % 10 === 9 ? { owner: "", text: "", colour: "red" } : { owner: `owner-${i % 7}`, text: `note ${i}`, expiresAt: "2999-01-01T00:00:00Z" };

function requests(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    method: "POST",
    path: "/notes",
    query: new URLSearchParams(),
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(note(i))),
  }));
}

async function timed(handler: Handler, batch: ReturnType<typeof requests>): Promise<number> {
  const started = process.hrtime.bigint();
  for (const request of batch) await handler(request, context);
  return Number(process.hrtime.bigint() - started) / batch.length / 1000;
}

/** Both routes answer every request alike (the same status and body, the 400s' errors included), or the figures mean nothing. */
async function checkParity(declared: Handler, byHand: Handler): Promise<void> {
  for (const request of requests(10)) {
    const [a, b] = [await declared(request, context), await byHand(request, context)];
    const strip = (body = "") => body.replace(/"instance":"[^"]*",?/, "");
    if (a.status !== b.status || strip(a.body) !== strip(b.body)) throw new Error(`the routes answer apart: ${a.status} ${a.body} / ${b.status} ${b.body}`);
  }
}

/**
 * POST /notes with a declared body schema (its validator compiled by Ajv, as the build compiles it)
 * against the same route checking its body by hand, in one process, taking turns, the first side
 * alternating by round.
 */
export async function measureValidatedRoute(counts: ValidatedRouteCounts, command: string): Promise<ValidatedRouteResult> {
  const startedAt = new Date().toISOString();
  const before = loadavg()[0]!;
  compileSchemasAtRunTime();
  const declared = declaredRoute();
  const byHand = handCheckedRoute();
  await checkParity(declared, byHand);
  const batch = requests(counts.requests);
  const declaredRounds: number[] = [];
  const byHandRounds: number[] = [];
  for (let round = 0; round < counts.warmup + counts.rounds; round++) {
    const first = round % 2 === 0;
    const a = first ? await timed(declared, batch) : 0;
    const b = await timed(byHand, batch);
    const c = first ? a : await timed(declared, batch);
    if (round < counts.warmup) continue;
    declaredRounds.push(c);
    byHandRounds.push(b);
  }
  const ratios = declaredRounds.map((us, round) => us / byHandRounds[round]!);
  return {
    ...counts,
    command,
    startedAt,
    loadAverage: [before, loadavg()[0]!],
    declaredUs: median(declaredRounds),
    byHandUs: median(byHandRounds),
    ratio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
  };
}

/** The row as printed. */
export function validatedRouteReport(r: ValidatedRouteResult): string {
  const ratio = `${r.ratio.toFixed(2)}x`.padStart(18);
  const spread = `${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}x`;
  return [
    "route                         µs/request  declared / by hand  spread over rounds",
    `POST /notes, declared schema  ${r.declaredUs.toFixed(2).padStart(10)}  ${ratio}  ${spread}`,
    `POST /notes, checked by hand  ${r.byHandUs.toFixed(2).padStart(10)}`,
  ].join("\n");
}
