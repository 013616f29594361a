import type { ServerResponse } from "node:http";

/** A dashboard request that cannot be served, answered as an RFC 9457 problem. */
export class DashboardProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function sendProblem(res: ServerResponse, { status, title, detail }: DashboardProblem): void {
  const type = `https://skyport.dev/problems/dashboard/${title.toLowerCase().replaceAll(" ", "-")}`;
  res.writeHead(status, { "content-type": "application/problem+json" });
  res.end(JSON.stringify({ type, title, status, detail }));
}

/** A 400 naming what is wrong with the input. */
export const badInput = (detail: string) => new DashboardProblem(400, "Bad input", detail);
export const notFound = (detail: string) => new DashboardProblem(404, "Not found", detail);
