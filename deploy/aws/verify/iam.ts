import type { Json, JsonObject } from "./cloudformation-yaml.js";

export interface Statement {
  /** Where it was found: `<logical id>/<policy name>/<sid>`. */
  source: string;
  sid?: string;
  effect: string;
  actions: string[];
  /** Resources as written: a plain ARN, or the long form of an intrinsic function. */
  resources: Json[];
  condition?: Json;
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every policy statement a role, policy or managed policy of the template grants. */
export function permissionStatements(resources: Record<string, JsonObject>): Statement[] {
  const statements: Statement[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const properties = (resource.Properties ?? {}) as JsonObject;
    const documents: [string, JsonObject][] = [];
    if (resource.Type === "AWS::IAM::Role") {
      for (const policy of list(properties.Policies as JsonObject[] | undefined))
        documents.push([String(policy.PolicyName), policy.PolicyDocument as JsonObject]);
    } else if (resource.Type === "AWS::IAM::Policy" || resource.Type === "AWS::IAM::ManagedPolicy") {
      documents.push([String(properties.PolicyName ?? id), properties.PolicyDocument as JsonObject]);
    }
    for (const [policy, document] of documents) {
      for (const s of list(document.Statement as JsonObject[] | undefined)) {
        statements.push({
          source: `${id}/${policy}/${s.Sid ?? "?"}`,
          sid: s.Sid as string | undefined,
          effect: String(s.Effect),
          actions: list(s.Action as string | string[]),
          resources: list(s.Resource as Json),
          condition: s.Condition,
        });
      }
    }
  }
  return statements;
}

/** The text of a resource as written: a plain string, or the string inside `Fn::Sub`. */
export function resourceText(resource: Json): string {
  if (typeof resource === "string") return resource;
  if (resource && typeof resource === "object" && !Array.isArray(resource) && "Fn::Sub" in resource) {
    const sub = resource["Fn::Sub"];
    return typeof sub === "string" ? sub : String((sub as Json[])[0]);
  }
  return JSON.stringify(resource);
}

/**
 * EC2 actions that take no resource but "*": the Describe actions support no resource-level permissions (AWS's Service
 * Authorization Reference, Amazon EC2: docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html),
 * and Lambda needs these two to run a function in a VPC (docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
 * The only actions a template may grant on "*".
 */
export const EC2_ACTIONS_WITHOUT_RESOURCES = ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"];

/** Network interfaces Lambda makes, and the subnets it makes them in: ids no template knows, so granted by pattern, held to one VPC. */
export const VPC_NETWORK_PATTERN = /:(network-interface|subnet)\/\*("|$)/;
