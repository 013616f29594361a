import { registerOrderFunctions } from "./functions.js";

/** The bundle's entry: the framework loads it, then serves the function named by --target / FUNCTION_TARGET. */
registerOrderFunctions({ ...process.env });
