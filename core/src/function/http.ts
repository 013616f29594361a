/** A request as every cloud delivers it, after the adapter's translation. */
export interface HttpRequest {
  method: string;
  /** The path without the query string, percent-encoded as it arrived. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The raw body bytes, exactly as sent (after any transport base64 decoding). */
  body?: Uint8Array;
}

/** What a handler answers on every cloud: the status, its headers, and the body as text. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
}
