import { readFileSync } from "node:fs";
import { parse, type ScalarTag, type CollectionTag } from "yaml";

/** A JSON value, as a parsed template holds it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object, as a parsed template holds it. */
export type JsonObject = { [key: string]: Json };

const FUNCTIONS = [
  "Base64",
  "Cidr",
  "FindInMap",
  "GetAZs",
  "ImportValue",
  "Join",
  "Select",
  "Split",
  "Sub",
  "Transform",
  "If",
  "Equals",
  "And",
  "Or",
  "Not",
  "Condition",
];

/** CloudFormation's short forms (`!Ref x`, `!Sub ...`, `!GetAtt a.b`) read as their long forms. */
function intrinsicTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [
    { tag: "!Ref", resolve: (value: string) => ({ Ref: value }) },
    { tag: "!GetAtt", resolve: (value: string) => ({ "Fn::GetAtt": value.split(/\.(.*)/s, 2) }) },
    { tag: "!GetAtt", collection: "seq", resolve: (value) => ({ "Fn::GetAtt": value.toJSON() }) },
  ];
  for (const name of FUNCTIONS) {
    const key = name === "Condition" ? "Condition" : `Fn::${name}`;
    tags.push({ tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) });
    tags.push({ tag: `!${name}`, collection: "seq", resolve: (value) => ({ [key]: value.toJSON() }) });
    tags.push({ tag: `!${name}`, collection: "map", resolve: (value) => ({ [key]: value.toJSON() }) });
  }
  return tags;
}

/** The resource a value points at (`!Ref X`, `!GetAtt X.Arn`, `!GetAtt X.QueueUrl`), or the value itself. */
export function refName(value: Json | undefined): string {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if (typeof value.Ref === "string") return value.Ref;
    const getAtt = value["Fn::GetAtt"];
    if (Array.isArray(getAtt)) return String(getAtt[0]);
  }
  return String(value);
}

/** Reads a SAM or CloudFormation template, its short-form intrinsics (`!Ref`, `!GetAtt`, ...) kept as their long form. */
export function readTemplate(path: string): JsonObject {
  return parse(readFileSync(path, "utf8"), { customTags: intrinsicTags() }) as JsonObject;
}
