import { awsHttpFunction } from "./http-function.js";

/** Lambda entry (`index.handler` in dist/aws/http/): configured from the function's environment at load. */
export const handler = awsHttpFunction({ ...process.env });
