type Authorizer = Record<string, unknown> | null | undefined;

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const field = (value: unknown, name: string): unknown => (value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined);

/**
 * The caller API Gateway or the function URL already verified, in this order: a JWT's subject
 * (HTTP API JWT authorizer; REST API Cognito authorizer), an IAM caller's ARN, a Lambda
 * authorizer's principalId. Nothing the client could set in a header counts.
 */
export function principalOf(authorizer: Authorizer, iamIdentityArn?: string | null): string | undefined {
  return (
    text(field(field(field(authorizer, "jwt"), "claims"), "sub")) ??
    text(field(field(authorizer, "claims"), "sub")) ??
    text(field(field(authorizer, "iam"), "userArn")) ??
    text(field(authorizer, "principalId")) ??
    text(field(field(authorizer, "lambda"), "principalId")) ??
    text(iamIdentityArn)
  );
}
