import { ConfigError, envReader, type Env } from "../config/env.js";

/** The identity check's settings: the token issuer, the audience, and the claim that names the customer. */
export interface AuthSettings {
  issuer: string;
  audience: string;
  /** The claim that holds the caller's customer id. */
  customerClaim: string;
}

/** http:// only on a loopback address (a test's own issuer); every real issuer is https://. */
const ISSUER = /^(?:https:\/\/[^\s/?#]+(?:\/[^\s?#]*)?|http:\/\/(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(?::\d{1,5})?(?:\/[^\s?#]*)?)$/;

/**
 * SKYPORT_AUTH_ISSUER and SKYPORT_AUTH_AUDIENCE together, or neither (authentication off, which
 * only a local run should be); SKYPORT_AUTH_CUSTOMER_CLAIM names the customer claim (`sub`).
 */
export function readAuthSettings(env: Env): AuthSettings | undefined {
  const read = envReader(env);
  const issuer = read.optional("SKYPORT_AUTH_ISSUER");
  const audience = read.optional("SKYPORT_AUTH_AUDIENCE");
  if (issuer === undefined && audience === undefined) return undefined;
  if (issuer === undefined) throw new ConfigError("SKYPORT_AUTH_ISSUER", "the issuer's URL, set with SKYPORT_AUTH_AUDIENCE", "");
  if (audience === undefined) throw new ConfigError("SKYPORT_AUTH_AUDIENCE", "the audience tokens must name, set with SKYPORT_AUTH_ISSUER", "");
  if (!ISSUER.test(issuer)) throw new ConfigError("SKYPORT_AUTH_ISSUER", "an https:// URL (http:// only on a loopback address)", issuer);
  return { issuer, audience, customerClaim: read.string("SKYPORT_AUTH_CUSTOMER_CLAIM", "sub", /^[\w:./-]{1,128}$/, "a claim name") };
}
