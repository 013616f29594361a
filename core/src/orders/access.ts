import type { Context } from "../function/context.js";
import { MAX_BODY_BYTES } from "../http/body.js";
import { Problem } from "../http/problem.js";

/** The scope that reaches every customer and every status change. */
export const ADMIN_SCOPE = "orders:admin";

/** What the verified caller may do: its own customer's orders, or (admin) everyone's. */
export interface Access {
  customerId: string | undefined;
  admin: boolean;
}

/** The caller's access from its token's claims; undefined where the app checks no identity (open). */
export function accessOf(context: Context, customerClaim: string): Access | undefined {
  const claims = context.claims;
  if (claims === undefined) return undefined;
  const customer = claims[customerClaim];
  return { customerId: typeof customer === "string" && customer !== "" ? customer : undefined, admin: scopesOf(claims).includes(ADMIN_SCOPE) };
}

/** `scope` (space-separated, RFC 8693) or `scp` (a list, or a string, as some issuers write it). */
function scopesOf(claims: Readonly<Record<string, unknown>>): string[] {
  const scopes: string[] = [];
  for (const value of [claims.scope, claims.scp]) {
    if (typeof value === "string") scopes.push(...value.split(" "));
    else if (Array.isArray(value)) scopes.push(...value.filter((s): s is string => typeof s === "string"));
  }
  return scopes;
}

/** 403 unless the caller is admin or this customer. */
export function requireCustomer(access: Access | undefined, customerId: unknown, what: string): void {
  if (access === undefined || access.admin) return;
  if (access.customerId === undefined || customerId !== access.customerId) throw new Problem("forbidden", `A customer may ${what} only its own orders.`);
}

/** Whether the caller may see an order of this customer; another customer's order is as if absent (404). */
export function mayRead(access: Access | undefined, customerId: string): boolean {
  return access === undefined || access.admin || access.customerId === customerId;
}

/**
 * A field of a JSON body read before the body's own checks (415, 413, 400), so that a 403 comes
 * first, as docs/API.md orders them; a body that does not parse yields nothing and those checks answer.
 */
export function peekField(body: Uint8Array | undefined, field: string): unknown {
  if (!body || body.length > MAX_BODY_BYTES) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[field] : undefined;
  } catch {
    return undefined;
  }
}
