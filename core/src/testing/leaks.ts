/** What must never appear in a response: stack frames, file paths, SDK and network errors, credentials. */
export const LEAK_PATTERN =
  /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.(?:ts|js|mjs|cjs):\d+|ECONN\w+|ENOTFOUND|ETIMEDOUT|AccessDenied|ResourceNotFound|ConditionalCheckFailed|ValidationException|arn:aws|projects\/[^/\s]+\/databases|AccountKey=|SharedAccessSignature|Bearer\s|-----BEGIN|"stack"/;
