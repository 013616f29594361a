/** An error as a log field: name, message, stack and cause. For logs only, never for responses. */
export function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      ...(error.cause === undefined ? {} : { cause: describe(error.cause) }),
    };
  }
  return { value: String(error) };
}
