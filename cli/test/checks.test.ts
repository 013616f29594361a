import { defineApp, http, json, objectCreated, queue, schedule } from "@skyport/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { bicepProblems, gcloudProblems, samProblems, type JsonObject } from "../src/checks/index.js";

const app = defineApp({
  name: "shop",
  functions: {
    api: http(() => [{ path: "/", methods: { GET: async () => json(200, {}) } }], { publishes: ["jobs"] }),
    work: queue("jobs", { "job.requested": () => async () => {} }),
    tidy: schedule("every 1 hour", () => async () => undefined),
  },
});

const sam = (edit: (resources: Record<string, JsonObject>) => void = () => {}) => {
  const template = parse(`
Parameters: { TidySchedule: { Type: String, Default: rate(1 hour) } }
Resources:
  Jobs: { Type: AWS::SQS::Queue }
  Other: { Type: AWS::SQS::Queue }
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/api
      Environment: { Variables: { SKYPORT_TOPIC_JOBS: { Ref: Jobs } } }
      Events: { Get: { Type: HttpApi, Properties: { Method: GET, Path: / } } }
  Work:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/work
      Events: { Jobs: { Type: SQS, Properties: { Queue: { Fn::GetAtt: [Jobs, Arn] } } } }
  Tidy:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/tidy
      Events: { Hourly: { Type: Schedule, Properties: { Schedule: { Ref: TidySchedule } } } }
`) as JsonObject;
  edit(template.Resources as Record<string, JsonObject>);
  return template;
};
const props = (resource: JsonObject | undefined) => resource!.Properties as JsonObject;

describe("a SAM template, checked against the declaration", () => {
  it("passes when it deploys every function with its trigger, schedule and topic queue", () => {
    expect(samProblems(app, sam())).toEqual([]);
  });

  it("names a declared function it lacks, and one it deploys that the app does not declare", () => {
    const renamed = (r: Record<string, JsonObject>) => {
      props(r.Tidy).CodeUri = "../apps/shop/dist/aws/sweep";
    };
    expect(samProblems(app, sam(renamed))).toEqual([
      "Tidy deploys dist/aws/sweep, which app shop does not declare",
      "function tidy (schedule) has no AWS::Serverless::Function whose CodeUri ends in dist/aws/tidy",
    ]);
  });

  it("names a wrong trigger, a schedule other than the declared one, and queues that do not match", () => {
    const problems = samProblems(
      app,
      sam((r) => {
        props(r.Work).Events = { Get: { Type: "HttpApi" } };
        (props(r.Tidy).Events as JsonObject).Hourly = { Type: "Schedule", Properties: { Schedule: "rate(2 hours)" } };
        props(r.Api).Environment = { Variables: { SKYPORT_TOPIC_JOBS: { Ref: "Other" } } };
      }),
    );
    expect(problems).toEqual([
      "Work (function work) has no SQS event for its queue trigger",
      'Tidy (function tidy) runs on rate(2 hours); "every 1 hour" is rate(1 hour)',
    ]);
    const otherQueue = (r: Record<string, JsonObject>) => {
      props(r.Api).Environment = { Variables: { SKYPORT_TOPIC_JOBS: { Ref: "Other" } } };
    };
    const split = samProblems(app, sam(otherQueue));
    expect(split).toEqual(["topic jobs is more than one queue: Jobs, Other"]);
  });

  it("names a publisher without its topic setting, and a topic setting on a function that does not publish", () => {
    const problems = samProblems(
      app,
      sam((r) => {
        props(r.Api).Environment = { Variables: {} };
        props(r.Work).Environment = { Variables: { SKYPORT_TOPIC_JOBS: { Ref: "Jobs" } } };
      }),
    );
    expect(problems).toEqual([
      "Api (function api) publishes to jobs but has no SKYPORT_TOPIC_JOBS",
      "Work (function work) has SKYPORT_TOPIC_JOBS but does not publish to that topic",
    ]);
  });
});

const script = `#!/usr/bin/env bash
SCHEDULE="0 * * * *"
gcloud functions deploy shop-api --source="$SOURCE/api" --entry-point=api --trigger-http \\
  --allow-unauthenticated
gcloud functions deploy shop-work --source="$SOURCE/work" --entry-point=work --trigger-topic="$TOPIC"
gcloud functions deploy shop-tidy --source="$SOURCE/tidy/" --entry-point=tidy --trigger-http
gcloud scheduler jobs create http shop-tidy --schedule="$SCHEDULE" --time-zone=Etc/UTC
`;

describe("a gcloud script, checked against the declaration", () => {
  it("passes when it deploys every entry point from its own bundle with its trigger, and a job on the schedule", () => {
    expect(gcloudProblems(app, script)).toEqual([]);
  });

  it("names what is missing, extra, deployed from another function's bundle, wrongly triggered or on another schedule", () => {
    const broken = script
      .replace("--entry-point=api", "--entry-point=shop")
      .replace('--source="$SOURCE/work"', '--source="$SOURCE"')
      .replace('--trigger-topic="$TOPIC"', "--trigger-http")
      .replace('SCHEDULE="0 * * * *"', 'SCHEDULE="0 3 * * *"');
    expect(gcloudProblems(app, broken)).toEqual([
      "the script deploys --entry-point=shop, which app shop does not declare",
      "function api (http) is not deployed: no gcloud functions deploy --entry-point=api",
      "function work is deployed from --source=$SOURCE, not its own bundle .../gcp/work",
      "function work is deployed without the queue trigger (--trigger-topic[= ])",
      'function tidy: no Cloud Scheduler job runs "0 * * * *" ("every 1 hour"); the script\'s jobs run 0 3 * * *',
    ]);
  });
});

const bicep = `var jobsQueueName = 'jobs'
resource jobsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: jobsQueueName
}
resource jobsPoison 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '\${jobsQueueName}-poison'
}
resource app 'Microsoft.Web/sites@2024-11-01' = {
  properties: { siteConfig: { appSettings: [
        { name: 'SKYPORT_TOPIC_JOBS', value: jobsQueueName }
  ] } }
}
`;

describe("a Bicep template, checked against the declaration", () => {
  it("passes when each topic has its queue, its poison queue and the setting that names it", () => {
    expect(bicepProblems(app, bicep)).toEqual([]);
  });

  it("names a topic without a setting, a setting naming no queue, and a missing poison queue", () => {
    expect(bicepProblems(app, bicep.replace("SKYPORT_TOPIC_JOBS", "SKYPORT_QUEUE"))).toEqual(["topic jobs: no app setting SKYPORT_TOPIC_JOBS names its queue"]);
    expect(
      bicepProblems(
        app,
        bicep.replace("var jobsQueueName = 'jobs'", "var jobsQueueName = 'jobs'\nvar other = 'other'").replace("value: jobsQueueName", "value: other"),
      ),
    ).toEqual([
      "topic jobs: SKYPORT_TOPIC_JOBS names queue other, which the template does not create",
      "topic jobs: no other-poison queue for the host to move failed messages to",
    ]);
    expect(bicepProblems(app, bicep.replace("-poison", "-dead"))).toEqual(["topic jobs: no jobs-poison queue for the host to move failed messages to"]);
  });
});

describe("an object function in a SAM template", () => {
  const imports = defineApp({ name: "shop", functions: { load: objectCreated("shop-files", "imports/", () => async () => undefined) } });
  const template = (edit: (resources: Record<string, JsonObject>) => void = () => {}) => {
    const parsed = parse(`
Resources:
  Files:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }] }
      VersioningConfiguration: { Status: Enabled }
      LifecycleConfiguration: { Rules: [{ Status: Enabled, Prefix: reports/, ExpirationInDays: 30 }] }
  Failures: { Type: AWS::SQS::Queue }
  Load:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ../apps/shop/dist/aws/load
      EventInvokeConfig: { MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Type: SQS, Destination: { Fn::GetAtt: [Failures, Arn] } } } }
      Events:
        Upload:
          Type: S3
          Properties: { Bucket: { Ref: Files }, Events: "s3:ObjectCreated:*", Filter: { S3Key: { Rules: [{ Name: prefix, Value: imports/ }] } } }
`) as JsonObject;
    edit(parsed.Resources as Record<string, JsonObject>);
    return parsed;
  };

  it("passes with a private, encrypted, versioned bucket, the prefix filter and an on-failure destination", () => {
    expect(samProblems(imports, template())).toEqual([]);
  });

  it("names a public, unencrypted, unversioned bucket without a reports/ rule, another prefix, and no destination", () => {
    const broken = template((resources) => {
      resources.Files = { Type: "AWS::S3::Bucket", Properties: {} };
      const properties = resources.Load!.Properties as JsonObject;
      delete properties.EventInvokeConfig;
      ((properties.Events as JsonObject).Upload as JsonObject).Properties = { Bucket: { Ref: "Files" }, Events: "s3:ObjectRemoved:*" };
    });
    expect(samProblems(imports, broken)).toEqual([
      "Load (function load): its S3 event has no Filter.S3Key prefix rule for imports/",
      "Load (function load): its S3 event is not for s3:ObjectCreated:*",
      "Load (function load): bucket Files does not block all public access",
      "Load (function load): bucket Files has no BucketEncryption",
      "Load (function load): bucket Files is not versioned",
      "Load (function load): bucket Files has no lifecycle rule for reports/",
      "Load (function load): no EventInvokeConfig.MaximumRetryAttempts (0-2) for its asynchronous invocations",
      "Load (function load): no EventInvokeConfig.DestinationConfig.OnFailure for the uploads that fail every attempt",
    ]);
  });
});

describe("an object function in a Bicep template", () => {
  const imports = defineApp({ name: "shop", functions: { load: objectCreated("shop-files", "imports/", () => async () => undefined) } });
  const bicep = (subscription: string) => `var files = 'shop-files'
resource filesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: files
}
resource load 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
${subscription}
}
`;
  const good = `  properties: {
    destination: { endpointType: 'AzureFunction', properties: { resourceId: '\${app.id}/functions/load' } }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/\${files}/blobs/imports/'
    }
    deadLetterWithResourceIdentity: { deadLetterDestination: { endpointType: 'StorageBlob' } }
  }`;

  it("passes with the container and a BlobCreated subscription under the prefix, to the function, with a dead letter", () => {
    expect(bicepProblems(imports, bicep(good))).toEqual([]);
  });

  it("names another prefix, another event type and no dead letter, or no subscription for the function", () => {
    const broken = good
      .replace("blobs/imports/", "blobs/")
      .replace("BlobCreated", "BlobDeleted")
      .replace(/deadLetterWithResourceIdentity.*\n/, "");
    expect(bicepProblems(imports, bicep(broken))).toEqual([
      "object load: its Event Grid subscription is not for Microsoft.Storage.BlobCreated",
      "object load: its Event Grid subscription is not filtered to '/blobServices/default/containers/shop-files/blobs/imports/'",
      "object load: its Event Grid subscription has no dead-letter destination",
    ]);
    expect(bicepProblems(imports, bicep(good.replace("/functions/load", "/functions/other")))).toEqual([
      "object load: no Event Grid subscription delivers to the function load",
    ]);
  });
});
