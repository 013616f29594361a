import { subjectName, type Answer, type Subject } from "./subject.js";
import { JSON_HEADERS, ORDER_BODY, createdId } from "./workload.js";

const CALLER_ID = "caller-chosen.id_1";

/** Ids, instants and request ids differ from run to run; everything else must be equal. */
function normalized(answer: Answer): string {
  const scrub = (text: string) => text.replace(/ord_[0-9A-Z]{26}/g, "ord_ID").replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "TIME");
  const headers = Object.entries(answer.headers)
    .filter(([name]) => name !== "x-request-id")
    .map(([name, value]) => `${name}: ${scrub(value)}`)
    .sort();
  return JSON.stringify({
    status: answer.status,
    headers,
    body: scrub(answer.body),
    requestId: answer.headers["x-request-id"] === CALLER_ID ? CALLER_ID : answer.headers["x-request-id"] !== undefined,
  });
}

/** The requests whose answers are compared: the workload's two, and the refusals on its way. */
const CASES: [method: string, path: string | "created", headers: Record<string, string>, body?: string][] = [
  ["POST", "/orders", JSON_HEADERS, ORDER_BODY],
  ["GET", "created", {}],
  ["GET", "/orders/ord_00000000000000000000000000", {}],
  ["GET", "/orders/not-an-id", {}],
  ["POST", "/orders", JSON_HEADERS, '{"customerId":"c 1","items":[{"sku":"A","quantity":0,"unitPrice":1.5,"x":1}],"currency":"eur","extra":true}'],
  ["POST", "/orders", JSON_HEADERS, "{not json"],
  ["POST", "/orders", { "content-type": "text/plain" }, ORDER_BODY],
  ["POST", "/orders", { ...JSON_HEADERS, "x-request-id": CALLER_ID }, ORDER_BODY],
  ["PUT", "/orders", JSON_HEADERS, ORDER_BODY],
  ["GET", "/nowhere", {}],
];

async function answers(subject: Subject, cases: typeof CASES): Promise<string[]> {
  const out: string[] = [];
  let created = "";
  for (const [method, path, headers, body] of cases) {
    const answer = subject.answer(await subject.invoke(await subject.request(method, path === "created" ? `/orders/${created}` : path, headers, body)));
    if (method === "POST" && answer.status === 201) created = createdId(answer.headers.location);
    out.push(normalized(answer));
  }
  return out;
}

/**
 * Before anything is timed: the hand-written handler gives the same answers as Skyport for the
 * same events (otherwise the comparison would flatter one of them). A framework peer is held
 * to the workload's two requests only; its refusals are its own.
 */
export async function checkParity(reference: Subject, other: Subject): Promise<void> {
  const cases = other.layer === "Skyport" || other.layer === "hand-written" ? CASES : CASES.slice(0, 2);
  const [expected, actual] = [await answers(reference, cases), await answers(other, cases)];
  for (let i = 0; i < cases.length; i++) {
    if (expected[i] !== actual[i]) {
      throw new Error(
        `${subjectName(other)} answers ${cases[i]![0]} ${cases[i]![1]} unlike ${subjectName(reference)}:\n  ${actual[i]}\n  expected ${expected[i]}`,
      );
    }
  }
}
