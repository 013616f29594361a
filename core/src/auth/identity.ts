/** Who called, as a verified token says: its subject, and every claim it carries. */
export interface Caller {
  subject: string;
  claims: Readonly<Record<string, unknown>>;
}

/** Verifies the `Authorization` header of a request; throws Unauthenticated when it does not hold. */
export interface IdentityCheck {
  authenticate(authorization: string | undefined): Promise<Caller>;
}

/** No token, or one that does not verify: a 401 that says which (RFC 6750). */
export class Unauthenticated extends Error {
  override name = "Unauthenticated";

  /** `tokenSent`: a token came and was refused, as opposed to no token at all. */
  constructor(
    readonly tokenSent: boolean,
    reason: string,
  ) {
    super(reason);
  }
}
