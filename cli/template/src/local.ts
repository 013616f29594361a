import type { Env } from "@skyport/core";
import { instance } from "./services.js";

export default (env: Env) => instance("local", env);
