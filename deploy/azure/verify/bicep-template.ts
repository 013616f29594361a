import { createRequire } from "node:module";
import type { SyntaxNode, Tree } from "tree-sitter";

// tree-sitter and its Bicep grammar are native CommonJS modules.
const require = createRequire(import.meta.url);
const Parser = require("tree-sitter") as typeof import("tree-sitter");
const Bicep = require("tree-sitter-bicep") as import("tree-sitter").Language;

/** A value Bicep computes at deployment (a reference, a call, an interpolated string). */
export class Expression {
  constructor(readonly text: string) {}
}

export type BicepValue = string | number | boolean | null | Expression | BicepValue[] | BicepObject;
export interface BicepObject {
  [key: string]: BicepValue;
}

export interface Decorator {
  name: string;
  args: BicepValue[];
}

export interface BicepParameter {
  name: string;
  type: string;
  default?: BicepValue;
  decorators: Decorator[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  body: BicepObject;
  line: number;
  /** A conditional resource's condition as written (`cache` for `= if (cache) { ... }`). */
  condition?: string;
}

export interface BicepTemplate {
  parameters: Map<string, BicepParameter>;
  variables: Map<string, BicepValue>;
  resources: BicepResource[];
  outputs: Map<string, BicepValue>;
}

/** The file does not parse as Bicep; says where. */
export class BicepSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    near: string,
  ) {
    super(`Bicep syntax error at ${line}:${column} near ${JSON.stringify(near.slice(0, 60))}`);
    this.name = "BicepSyntaxError";
  }
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === "ERROR" || node.isMissing) return node;
  for (const child of node.children) {
    const found = firstError(child);
    if (found) return found;
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { "\\'": "'", "\\\\": "\\", "\\n": "\n", "\\r": "\r", "\\t": "\t", "\\$": "$" };

/** A Bicep value as data; anything computed at deployment stays an Expression. */
function bicepValue(node: SyntaxNode): BicepValue {
  switch (node.type) {
    case "string":
      if (node.namedChildren.some((c) => c.type === "interpolation")) return new Expression(node.text);
      return node.namedChildren.map((c) => (c.type === "escape_sequence" ? (ESCAPES[c.text] ?? c.text) : c.text)).join("");
    case "number":
      return Number(node.text);
    case "boolean":
      return node.text === "true";
    case "null":
      return null;
    case "array":
      return node.namedChildren.filter((c) => c.type !== "comment").map(bicepValue);
    case "object": {
      const object: BicepObject = {};
      for (const property of node.namedChildren.filter((c) => c.type === "object_property")) {
        const [key, value] = property.namedChildren.filter((c) => c.type !== "comment");
        object[key!.type === "string" ? String(bicepValue(key!)) : key!.text] = bicepValue(value!);
      }
      return object;
    }
    default:
      return new Expression(node.text);
  }
}

function decoratorsOf(node: SyntaxNode): Decorator[] {
  return node.namedChildren.map((decorator) => {
    const call = decorator.namedChildren[0]!;
    const name = call.type === "call_expression" ? call.childForFieldName("function")!.text : call.text;
    const args = call.childForFieldName("arguments")?.namedChildren.map(bicepValue) ?? [];
    return { name, args };
  });
}

/** Parses a Bicep file with tree-sitter-bicep into its parameters, variables, resources and outputs. */
export function parseBicep(source: string): BicepTemplate {
  const parser = new Parser();
  parser.setLanguage(Bicep);
  const tree: Tree = parser.parse(source);
  const error = firstError(tree.rootNode);
  if (error) throw new BicepSyntaxError(error.startPosition.row + 1, error.startPosition.column + 1, error.text || error.parent?.text || "");

  const template: BicepTemplate = { parameters: new Map(), variables: new Map(), resources: [], outputs: new Map() };
  let decorators: Decorator[] = [];
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === "comment") continue;
    if (node.type === "decorators") {
      decorators = decoratorsOf(node);
      continue;
    }
    const named = node.namedChildren.filter((c) => c.type !== "comment");
    if (node.type === "parameter_declaration") {
      const [name, type, fallback] = named;
      template.parameters.set(name!.text, { name: name!.text, type: type!.text, default: fallback && bicepValue(fallback), decorators });
    } else if (node.type === "variable_declaration") {
      template.variables.set(named[0]!.text, bicepValue(named[1]!));
    } else if (node.type === "output_declaration") {
      template.outputs.set(named[0]!.text, bicepValue(named[named.length - 1]!));
    } else if (node.type === "resource_declaration") {
      const [symbol, typeString, declared] = named;
      // A conditional resource (`= if (cache) { ... }`): its condition, then its body.
      const conditional = declared?.type === "if_statement" ? declared.namedChildren.filter((c) => c.type !== "comment") : undefined;
      const body = conditional ? conditional.find((c) => c.type === "object") : declared;
      if (body?.type !== "object") {
        throw new BicepSyntaxError(node.startPosition.row + 1, 1, `resource ${symbol?.text}: only a plain object body is supported here`);
      }
      const [type, apiVersion] = String(bicepValue(typeString!)).split("@") as [string, string];
      template.resources.push({
        symbol: symbol!.text,
        type,
        apiVersion,
        existing: node.children.some((c) => c.type === "existing"),
        body: bicepValue(body) as BicepObject,
        line: node.startPosition.row + 1,
        ...(conditional && { condition: conditional[0]!.text.replace(/^\((.*)\)$/s, "$1").trim() }),
      });
    }
    decorators = [];
  }
  return template;
}
