import type { AnyAppFunction, App } from "@skyport/core";
import { bicepResources } from "./bicep-object.js";
import { refName, type Json, type JsonObject } from "./cloudformation-yaml.js";

type Resource = { Type?: string; Properties?: JsonObject };
type Deployed = ReadonlyMap<string, { id: string; properties: JsonObject }>;

/** Secrets Manager appends six random characters to a secret's ARN: `-??????` matches them and no other secret's name. */
const SECRET_ARN = /:secretsmanager:.*:secret:([^:]+?)(-\?{6})?$/;
const GET_SECRET = /^secretsmanager:(GetSecretValue|\*)$|^\*$/;

/** The functions of the app by name. */
const functionsOf = (app: App<never>) => Object.entries<AnyAppFunction<never>>(app.functions);

/**
 * What a SAM template gets wrong about the secrets its functions read: a function that reads a
 * secret with no statement of its policies (or its role's) granting secretsmanager:GetSecretValue on
 * that secret's ARN (`...:secret:<name>-??????`), or with one granting a secret it does not read, or
 * every secret (`*`, `secret:*`). SAM's AWSSecretsManagerGetSecretValuePolicy counts as a grant.
 */
export function samSecretProblems(app: App<never>, template: JsonObject, deployed: Deployed): string[] {
  const resources = (template.Resources ?? {}) as Record<string, Resource>;
  const problems: string[] = [];
  for (const [name, fn] of functionsOf(app)) {
    const found = deployed.get(name);
    if (!found) continue;
    const where = `${found.id} (function ${name})`;
    const role = found.properties.Role === undefined ? undefined : resources[refName(found.properties.Role)];
    const policies = [found.properties.Policies ?? null, role?.Type === "AWS::IAM::Role" ? (role.Properties?.Policies ?? null) : null];
    const granted = new Set<string>();
    for (const arn of policies.flatMap(secretArns)) {
      const secret = SECRET_ARN.exec(arn)?.[1];
      if (secret === undefined || secret.includes("*"))
        problems.push(`${where} is granted reading every secret (${arn}); grant each secret it reads by its ARN`);
      else granted.add(secret);
    }
    const reads = fn.secrets ?? [];
    for (const secret of reads)
      if (!granted.has(secret)) problems.push(`${where} reads secret ${secret} but no policy of it grants secretsmanager:GetSecretValue on it`);
    for (const secret of granted) if (!reads.includes(secret)) problems.push(`${where} is granted secret ${secret}, which it does not read`);
  }
  return problems;
}

/** The resources of the statements that allow GetSecretValue, and the SecretArn of SAM's policy template, as text (a `!Sub` as its string). */
function secretArns(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(secretArns);
  if (!value || typeof value !== "object") return [];
  const object = value as JsonObject;
  if (object.AWSSecretsManagerGetSecretValuePolicy !== undefined)
    return [text(((object.AWSSecretsManagerGetSecretValuePolicy ?? {}) as JsonObject).SecretArn ?? null)];
  if (object.Effect === "Allow" && [object.Action].flat().some((action) => GET_SECRET.test(String(action)))) return [object.Resource ?? null].flat().map(text);
  return Object.values(object).flatMap(secretArns);
}

const text = (value: Json): string => {
  if (typeof value === "string") return value;
  const sub = (value as JsonObject | null)?.["Fn::Sub"];
  return typeof sub === "string" ? sub : Array.isArray(sub) ? String(sub[0]) : JSON.stringify(value);
};

/**
 * What a gcloud deploy script gets wrong about the secrets its functions read: a function that
 * reads secrets but runs as no service account of its own (`--service-account`), one whose account
 * has no `gcloud secrets add-iam-policy-binding <secret> ... --role=roles/secretmanager.secretAccessor`
 * on a secret it reads, a binding on a secret no function running as that account reads, and
 * secretAccessor granted on the whole project. A secret the script mounts as a setting
 * (`--set-secrets=SKYPORT_REDIS_URL=<secret>:latest`, a value the platform reads for the function)
 * is the deployment's, not one of the app's: its bindings are not the app's to declare.
 */
export function gcloudSecretProblems(app: App<never>, script: string): string[] {
  const commands = script.replace(/\\\n/g, " ").split("\n");
  const member = (command: string) => /--member[= ]"?serviceAccount:([^"\s]+)/.exec(command)?.[1];
  const bindings = commands
    .filter((line) => /gcloud secrets add-iam-policy-binding\b/.test(line) && /roles\/secretmanager\.secretAccessor\b/.test(line))
    .map((line) => ({ secret: /add-iam-policy-binding\s+"?([^"\s]+)/.exec(line)?.[1] ?? "", account: member(line) ?? "" }));
  const settings = new Set([...script.matchAll(/--set-secrets[= ]"?[A-Z0-9_]+=([^:"\s,]+):/g)].map((match) => match[1]));
  const problems: string[] = [];
  if (commands.some((line) => /gcloud projects add-iam-policy-binding\b/.test(line) && /roles\/secretmanager\.secretAccessor\b/.test(line)))
    problems.push("the script grants roles/secretmanager.secretAccessor on the whole project; bind it on each secret a function reads");
  const accounts = new Map<string, string | undefined>();
  for (const command of commands.filter((line) => /gcloud functions deploy\b/.test(line))) {
    const entry = /--entry-point[= ]"?([A-Za-z0-9_]+)/.exec(command)?.[1];
    if (entry) accounts.set(entry, /--service-account[= ]"?([^"\s]+)/.exec(command)?.[1]);
  }
  for (const [name, fn] of functionsOf(app)) {
    const reads = fn.secrets ?? [];
    if (reads.length === 0 || !accounts.has(name)) continue;
    const account = accounts.get(name);
    if (!account) {
      problems.push(`function ${name} reads secrets (${reads.join(", ")}) but is deployed without a --service-account of its own to grant them to`);
      continue;
    }
    for (const secret of reads)
      if (!bindings.some((binding) => binding.secret === secret && binding.account === account))
        problems.push(`function ${name} reads secret ${secret} but its account ${account} has no roles/secretmanager.secretAccessor binding on it`);
  }
  for (const { secret, account } of bindings) {
    if (settings.has(secret)) continue;
    const readers = functionsOf(app).filter(([name, fn]) => accounts.get(name) === account && (fn.secrets ?? []).includes(secret));
    if (readers.length === 0) problems.push(`the script grants ${account} secret ${secret}, which no function running as it reads`);
  }
  return problems;
}

/** Key Vault Secrets User: read a secret's value, and nothing else. */
const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
const SECRET_TYPE = "Microsoft.KeyVault/vaults/secrets";

/**
 * What a Bicep template gets wrong about the secrets the app's functions read (one Functions app,
 * one identity for them all): no SKYPORT_KEY_VAULT_URL app setting; a secret read with no Key Vault
 * Secrets User role assignment scoped to that secret (an `existing` secret of the vault); one scoped
 * to a secret no function reads, or to anything wider (the vault, the group).
 */
export function bicepSecretProblems(app: App<never>, bicep: string): string[] {
  const reads = new Set(functionsOf(app).flatMap(([, fn]) => fn.secrets ?? []));
  const secrets = new Map(
    [...bicep.matchAll(/^resource (\w+) '([^'@]+)@[^']*' existing = \{([\s\S]*?)^\}/gm)]
      .filter((m) => m[2] === SECRET_TYPE)
      .map((m) => [m[1]!, /^\s+name: '([^']+)'/m.exec(m[3]!)?.[1] ?? ""]),
  );
  // The role's id as written, or a name the file gives it (`var roles = { keyVaultSecretsUser: '4633...' }`, `var secretsUser = '4633...'`).
  const names = [...bicep.matchAll(new RegExp(`(\\w+)(?::| =) '${SECRETS_USER}'`, "g"))].map((m) => m[1]!);
  const namesRole = (text: string) => text.includes(SECRETS_USER) || names.some((name) => new RegExp(`\\b${name}\\b`).test(text));
  const assignments = bicepResources(bicep).filter(
    (resource) =>
      resource.type === "Microsoft.Authorization/roleAssignments" &&
      namesRole(JSON.stringify((resource.body.properties as JsonObject | undefined)?.roleDefinitionId ?? "")),
  );
  const problems: string[] = [];
  if (reads.size > 0 && !/name: 'SKYPORT_KEY_VAULT_URL'/.test(bicep))
    problems.push("no app setting SKYPORT_KEY_VAULT_URL names the vault the app's secrets are in");
  const granted = new Set<string>();
  for (const { symbol, body } of assignments) {
    const secret = secrets.get(String(body.scope ?? ""));
    if (secret === undefined) problems.push(`${symbol} grants Key Vault Secrets User on ${String(body.scope ?? "the resource group")}, not on one secret`);
    else if (!reads.has(secret)) problems.push(`${symbol} grants secret ${secret}, which no function of app ${app.name} reads`);
    else granted.add(secret);
  }
  for (const secret of reads) if (!granted.has(secret)) problems.push(`secret ${secret}: no Key Vault Secrets User role assignment scoped to it`);
  return problems;
}
