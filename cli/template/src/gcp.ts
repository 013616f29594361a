import { cloudLoggingFormat, cloudLoggingMetrics } from "@skyport/gcp-functions";
import type { Env } from "@skyport/core";
import { instance } from "./services.js";

export default (env: Env) => instance("gcp", env, cloudLoggingFormat(env.GOOGLE_CLOUD_PROJECT), cloudLoggingMetrics("__NAME__"));
