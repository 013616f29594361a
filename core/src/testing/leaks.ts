/** What must never appear in a response: stack frames, file paths, SDK and network errors, credentials. */
export const LEAK_PATTERN = new RegExp(
  [
    String.raw`\n\s+at `, // a stack frame
    String.raw`\bat [\w.<>]+ \(`,
    "node_modules",
    String.raw`\.(?:ts|js|mjs|cjs):\d+`,
    String.raw`ECONN\w+|ENOTFOUND|ETIMEDOUT`, // network errors
    "AccessDenied|ResourceNotFound|ConditionalCheckFailed|ValidationException|arn:aws", // AWS
    String.raw`projects\/[^/\s]+\/databases`, // Google
    "AccountKey=|SharedAccessSignature", // Azure
    String.raw`Bearer\s|-----BEGIN|"stack"`, // credentials, keys, a serialized error
  ].join("|"),
);
