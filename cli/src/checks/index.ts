// Checks of deploy templates against an app's declaration: each returns what is wrong, or nothing.
export { readTemplate, type Json, type JsonObject } from "./cloudformation-yaml.js";
export { samProblems } from "./sam.js";
export { gcloudProblems } from "./gcloud.js";
export { bicepProblems } from "./bicep.js";
