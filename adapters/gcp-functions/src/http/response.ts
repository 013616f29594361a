import type { Response } from "@google-cloud/functions-framework";
import type { HttpResponse } from "@skyport/core";

/** The neutral response -> Express's: written as is, no content negotiation and no ETag of Express's. */
export function toFrameworkResponse(res: Response, response: HttpResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
