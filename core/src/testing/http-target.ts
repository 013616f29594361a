/** A request as a client sends it; the target turns it into its cloud's event or a real HTTP call. */
export interface ContractRequest {
  method: string;
  /** Path and query string, e.g. `/orders?customerId=c1&limit=2`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A response as the contract suites read it, whatever runtime answered it. */
export interface ContractResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** A running service a contract sends requests to: a runtime's handler, a local server, or a deployment. */
export interface HttpTarget {
  send(request: ContractRequest): Promise<ContractResponse>;
  /** The caller the requests are made as, where the target sends a token: its keys are scoped to it. */
  principal?: string;
  /**
   * Waits until the queue consumer behind the target has handled what was published so far.
   * Targets whose events reach no consumer leave it out: what they publish stays unhandled.
   */
  settle?(): Promise<void>;
  close?(): Promise<void>;
}
