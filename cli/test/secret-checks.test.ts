import { defineApp, http, json, queue, schedule, secret } from "@skyport/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { bicepProblems, gcloudProblems, samProblems, type JsonObject } from "../src/checks/index.js";

// An app with two secrets: api reads the payments key, work the mail token, tick none.
const paymentsKey = secret("payments-api-key");
const mailToken = secret("mail-token");
const app = defineApp({
  name: "shop",
  secrets: { paymentsKey, mailToken },
  functions: {
    api: http(() => [{ path: "/pay", methods: { POST: async () => json(200, {}) } }], { secrets: [paymentsKey] }),
    work: queue("jobs", { "mail.requested": () => async () => {} }, { secrets: [mailToken] }),
    tick: schedule("every 1 hour", () => async () => undefined),
  },
});
/** Only what the checks say about secrets: each template here is cut down to the functions and their grants. */
const aboutSecrets = (problems: string[]) => problems.filter((problem) => /secret|KEY_VAULT/i.test(problem));

describe("a SAM template, checked against the secrets each function reads", () => {
  const grant = (name: string) => ({ "Fn::Sub": `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${name}-??????` });
  const template = (edit: (resources: Record<string, JsonObject>) => void = () => {}) => {
    const parsed = parse(`
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ../../dist/aws/api, Events: { Api: { Type: HttpApi } } }
  WorkFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ../../dist/aws/work, Events: { Jobs: { Type: SQS, Properties: { Queue: q } } } }
  TickFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ../../dist/aws/tick, Events: { Hourly: { Type: Schedule, Properties: { Schedule: rate(1 hour) } } } }
`) as { Resources: Record<string, JsonObject> };
    (parsed.Resources.ApiFunction!.Properties as JsonObject).Policies = [
      { Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: grant("payments-api-key") }] },
    ];
    (parsed.Resources.WorkFunction!.Properties as JsonObject).Policies = [{ AWSSecretsManagerGetSecretValuePolicy: { SecretArn: grant("mail-token") } }];
    edit(parsed.Resources);
    return parsed as unknown as JsonObject;
  };
  const policies = (resources: Record<string, JsonObject>, fn: string) => (resources[fn]!.Properties as JsonObject).Policies as JsonObject[];
  const setPolicies = (resources: Record<string, JsonObject>, fn: string, given: JsonObject[]) => {
    (resources[fn]!.Properties as JsonObject).Policies = given;
  };

  it("passes each function granted exactly the secrets it reads, by ARN", () => {
    expect(aboutSecrets(samProblems(app, template()))).toEqual([]);
  });

  it("reports a secret read without a grant, a grant of a secret not read, and a grant of every secret", () => {
    expect(
      aboutSecrets(
        samProblems(
          app,
          template((r) => setPolicies(r, "WorkFunction", [])),
        ),
      ),
    ).toEqual(["WorkFunction (function work) reads secret mail-token but no policy of it grants secretsmanager:GetSecretValue on it"]);
    expect(
      aboutSecrets(
        samProblems(
          app,
          template((r) => void policies(r, "ApiFunction").push({ AWSSecretsManagerGetSecretValuePolicy: { SecretArn: grant("mail-token") } })),
        ),
      ),
    ).toEqual(["ApiFunction (function api) is granted secret mail-token, which it does not read"]);
    const everySecret = { Statement: [{ Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "*" }] };
    expect(
      aboutSecrets(
        samProblems(
          app,
          template((r) => setPolicies(r, "TickFunction", [everySecret])),
        ),
      ),
    ).toEqual(["TickFunction (function tick) is granted reading every secret (*); grant each secret it reads by its ARN"]);
  });
});

describe("a gcloud deploy script, checked against the secrets each function reads", () => {
  const script = (edit: (text: string) => string = (text) => text) =>
    edit(`
gcloud functions deploy shop-api --source=dist/gcp/api --entry-point=api --trigger-http --service-account="$API_SA"
gcloud functions deploy shop-work --source=dist/gcp/work --entry-point=work --trigger-topic=jobs --service-account="$WORK_SA"
gcloud functions deploy shop-tick --source=dist/gcp/tick --entry-point=tick --trigger-http
gcloud secrets add-iam-policy-binding payments-api-key --member="serviceAccount:$API_SA" --role=roles/secretmanager.secretAccessor --project="$PROJECT"
gcloud secrets add-iam-policy-binding mail-token --member="serviceAccount:$WORK_SA" \\
  --role=roles/secretmanager.secretAccessor --project="$PROJECT"
`);

  it("passes each function's own account bound secretAccessor on exactly the secrets it reads", () => {
    expect(aboutSecrets(gcloudProblems(app, script()))).toEqual([]);
  });

  it("leaves alone the binding of a secret the script mounts as a setting (the platform reads it, not the app)", () => {
    const mounted = (text: string) =>
      `${text}gcloud functions deploy shop-work --entry-point=work --service-account="$WORK_SA" --set-secrets="SKYPORT_REDIS_URL=$CACHE_SECRET:latest"
gcloud secrets add-iam-policy-binding "$CACHE_SECRET" --member="serviceAccount:$1" --role=roles/secretmanager.secretAccessor\n`;
    expect(aboutSecrets(gcloudProblems(app, script(mounted)))).toEqual([]);
  });

  it("reports a secret read without a binding, a binding of a secret not read, a project-wide grant and a function without its own account", () => {
    expect(
      aboutSecrets(
        gcloudProblems(
          app,
          script((text) => text.replace(/^gcloud secrets add-iam-policy-binding mail-token[^\n]*\n[^\n]*\n/m, "")),
        ),
      ),
    ).toEqual(["function work reads secret mail-token but its account $WORK_SA has no roles/secretmanager.secretAccessor binding on it"]);
    expect(
      aboutSecrets(
        gcloudProblems(
          app,
          script(
            (text) => `${text}gcloud secrets add-iam-policy-binding mail-token --member=serviceAccount:$API_SA --role=roles/secretmanager.secretAccessor\n`,
          ),
        ),
      ),
    ).toEqual(["the script grants $API_SA secret mail-token, which no function running as it reads"]);
    expect(
      aboutSecrets(
        gcloudProblems(
          app,
          script(
            (text) => `${text}gcloud projects add-iam-policy-binding "$PROJECT" --member=serviceAccount:$API_SA --role=roles/secretmanager.secretAccessor\n`,
          ),
        ),
      ),
    ).toEqual(["the script grants roles/secretmanager.secretAccessor on the whole project; bind it on each secret a function reads"]);
    expect(
      aboutSecrets(
        gcloudProblems(
          app,
          script((text) => text.replace(' --service-account="$WORK_SA"', "")),
        ),
      ),
    ).toEqual([
      "function work reads secrets (mail-token) but is deployed without a --service-account of its own to grant them to",
      "the script grants $WORK_SA secret mail-token, which no function running as it reads",
    ]);
  });
});

describe("a Bicep template, checked against the secrets the app's functions read", () => {
  const assignment = (symbol: string, scope: string) => `resource ${symbol} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(${scope}.id, functionApp.id, keyVaultSecretsUser)
  scope: ${scope}
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}
`;
  const bicep = (extra = "", setting = "{ name: 'SKYPORT_KEY_VAULT_URL', value: vault.properties.vaultUri }") => `
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: vaultName
}

resource paymentsKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'payments-api-key'
}

resource mailTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'mail-token'
}

var appSettings = [
  ${setting}
]

${assignment("paymentsKeyReader", "paymentsKeySecret")}
${assignment("mailTokenReader", "mailTokenSecret")}
${extra}`;

  it("passes the app's identity given Key Vault Secrets User on exactly the secrets its functions read, each scoped to its secret", () => {
    expect(aboutSecrets(bicepProblems(app, bicep()))).toEqual([]);
  });

  it("reports a secret read without its role, a role on the whole vault, and no vault setting", () => {
    expect(aboutSecrets(bicepProblems(app, bicep().replace(assignment("mailTokenReader", "mailTokenSecret"), "")))).toEqual([
      "secret mail-token: no Key Vault Secrets User role assignment scoped to it",
    ]);
    expect(aboutSecrets(bicepProblems(app, bicep(assignment("vaultReader", "vault"))))).toEqual([
      "vaultReader grants Key Vault Secrets User on vault, not on one secret",
    ]);
    expect(aboutSecrets(bicepProblems(app, bicep("", "")))).toEqual(["no app setting SKYPORT_KEY_VAULT_URL names the vault the app's secrets are in"]);
  });
});
