import { cloudWatchFormat, cloudWatchMetrics } from "@skyport/aws-lambda";
import type { Env } from "@skyport/core";
import { instance } from "./services.js";

export default (env: Env) => instance("aws", env, cloudWatchFormat(), cloudWatchMetrics("__NAME__"));
