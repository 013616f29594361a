// The reader the declaration checks use, so that every template test reads YAML one way.
export { readTemplate, type Json, type JsonObject } from "@skyport/cli/checks";
