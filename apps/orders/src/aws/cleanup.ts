import { awsCleanupFunction } from "./cleanup-function.js";

/** Lambda entry (`index.handler` in dist/aws/cleanup/): configured from the function's environment at load. */
export const handler = awsCleanupFunction({ ...process.env });
