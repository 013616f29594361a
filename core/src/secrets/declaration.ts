import { AppDeclarationError } from "../app/declaration.js";

/**
 * A secret's name: valid as an AWS Secrets Manager secret name, a Google Secret Manager secret id
 * and an Azure Key Vault secret name alike (Key Vault allows only letters, digits and -).
 */
export const SECRET_NAME = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;
const NAME_RULE = "3-64 characters of a-z, 0-9 and -, starting with a letter";

/** A secret as the app declares it: what a function lists to read it, and what the templates grant. */
export interface SecretDeclaration {
  readonly kind: "secret";
  readonly name: string;
}

/** Declares a secret the app reads (`secret("payments-api-key")`); its value is never in the declaration, only its name. */
export function secret(name: string): SecretDeclaration {
  if (!SECRET_NAME.test(name)) throw new AppDeclarationError(`secret ${JSON.stringify(name)}: the name must be ${NAME_RULE}`);
  return Object.freeze({ kind: "secret" as const, name });
}

/**
 * The variable that holds a secret's value on this machine only (the local server): `payments-api-key`
 * -> SKYPORT_SECRET_PAYMENTS_API_KEY. A cloud bundle never reads it.
 */
export function secretVariable(name: string): string {
  return `SKYPORT_SECRET_${name.toUpperCase().replace(/-/g, "_")}`;
}
