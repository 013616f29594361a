import { awsQueueFunction } from "./queue-function.js";

/** Lambda entry (`index.handler` in dist/aws/queue/): configured from the function's environment at load. */
export const handler = awsQueueFunction({ ...process.env });
