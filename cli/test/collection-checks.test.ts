import { changes, collection, defineApp, http, json, schedule } from "@skyport/core";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { bicepProblems, gcloudProblems, samProblems, type JsonObject } from "../src/checks/index.js";

interface Note {
  id: string;
  owner: string;
  createdAt: string;
  expiresAt?: string;
}

// An app with one collection: api writes and reads it, feed reads its changes, tidy uses none.
const notes = collection<Note>("notes", { key: ["id"], indexes: { "by-owner": ["owner", "createdAt"] }, expiresAt: "expiresAt" });
const app = defineApp({
  name: "jot",
  collections: { notes },
  functions: {
    api: http(() => [{ path: "/notes", methods: { GET: async () => json(200, []) } }], { collections: [notes] }),
    feed: changes(notes, () => async () => {}),
    tidy: schedule("every 1 hour", () => async () => undefined),
  },
});

describe("a SAM template, checked against the app's collections", () => {
  const template = (edit: (resources: Record<string, JsonObject>, globals: JsonObject) => void = () => {}) => {
    const parsed = parse(`
Globals:
  Function:
    Environment: { Variables: { SKYPORT_COLLECTION_NOTES: { Ref: NotesTable } } }
Resources:
  NotesTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: id, AttributeType: S }
        - { AttributeName: "$by-owner:owner", AttributeType: S }
        - { AttributeName: "$by-owner:createdAt+key", AttributeType: S }
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      GlobalSecondaryIndexes:
        - IndexName: by-owner
          KeySchema: [{ AttributeName: "$by-owner:owner", KeyType: HASH }, { KeyType: RANGE, AttributeName: "$by-owner:createdAt+key" }]
          Projection: { ProjectionType: ALL }
      TimeToLiveSpecification: { AttributeName: $ttl, Enabled: true }
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
  Failures: { Type: AWS::SQS::Queue }
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/aws/api
      Policies: [{ DynamoDBCrudPolicy: { TableName: { Ref: NotesTable } } }]
      Events: { Notes: { Type: HttpApi, Properties: { Method: GET, Path: /notes } } }
  FeedFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/aws/feed
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: { Fn::GetAtt: [NotesTable, StreamArn] }
            StartingPosition: TRIM_HORIZON
            FunctionResponseTypes: [ReportBatchItemFailures]
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 10
            MaximumRecordAgeInSeconds: 86400
            DestinationConfig: { OnFailure: { Type: SQS, Destination: { Fn::GetAtt: [Failures, Arn] } } }
  TidyFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dist/aws/tidy
      Events: { Hourly: { Type: Schedule, Properties: { Schedule: rate(1 hour) } } }
`) as JsonObject;
    edit(parsed.Resources as Record<string, JsonObject>, ((parsed.Globals as JsonObject).Function as JsonObject).Environment as JsonObject);
    return parsed;
  };
  const props = (resource: JsonObject | undefined) => resource!.Properties as JsonObject;

  it("passes a table as tableDefinition declares it, named to every function, granted to api and streamed to feed", () => {
    expect(samProblems(app, template())).toEqual([]);
  });

  it("names a collection no table keeps, and a table that keeps none", () => {
    const problems = samProblems(
      app,
      template((_r, globals) => {
        globals.Variables = {};
      }),
    );
    expect(problems).toEqual([
      "collection notes: no AWS::DynamoDB::Table keeps it (no SKYPORT_COLLECTION_NOTES names one, and none has TableName notes)",
      "ApiFunction (function api) uses collection notes but has no SKYPORT_COLLECTION_NOTES naming its table",
      "FeedFunction (function feed) uses collection notes but has no SKYPORT_COLLECTION_NOTES naming its table",
      "NotesTable is an AWS::DynamoDB::Table that keeps none of app jot's collections (notes)",
    ]);
    // Named after the collection, the table needs no setting.
    const named = template((r, globals) => {
      globals.Variables = {};
      props(r.NotesTable).TableName = "notes";
    });
    expect(samProblems(app, named)).toEqual([]);
  });

  it("names another key, attribute definitions, a missing or other index and a missing TTL, against tableDefinition", () => {
    const problems = samProblems(
      app,
      template((r) => {
        const table = props(r.NotesTable);
        table.KeySchema = [{ AttributeName: "owner", KeyType: "HASH" }];
        (table.AttributeDefinitions as JsonObject[]).pop();
        table.GlobalSecondaryIndexes = [{ IndexName: "by-date", KeySchema: [{ AttributeName: "createdAt", KeyType: "HASH" }] }];
        delete table.TimeToLiveSpecification;
      }),
    );
    expect(problems).toEqual([
      'collection notes (table NotesTable): its KeySchema is [{"AttributeName":"owner","KeyType":"HASH"}]; ' +
        'the collection\'s key needs [{"AttributeName":"id","KeyType":"HASH"}]',
      'collection notes (table NotesTable): its AttributeDefinitions are [{"AttributeName":"$by-owner:owner","AttributeType":"S"},' +
        '{"AttributeName":"id","AttributeType":"S"}]; the collection needs [{"AttributeName":"$by-owner:createdAt+key","AttributeType":"S"},' +
        '{"AttributeName":"$by-owner:owner","AttributeType":"S"},{"AttributeName":"id","AttributeType":"S"}]',
      "collection notes (table NotesTable): no global secondary index by-owner for the collection's index by-owner",
      "collection notes (table NotesTable): has global secondary index by-date, which the collection does not declare",
      'collection notes (table NotesTable): no TimeToLiveSpecification {"AttributeName":"$ttl","Enabled":true} for its expiry (expiresAt)',
    ]);
  });

  it("names an index whose sort key is not the one tableDefinition gives", () => {
    const problems = samProblems(
      app,
      template((r) => {
        const [index] = props(r.NotesTable).GlobalSecondaryIndexes as JsonObject[];
        index!.KeySchema = [{ AttributeName: "$by-owner:owner", KeyType: "HASH" }];
      }),
    );
    expect(problems).toEqual([
      'collection notes (table NotesTable): its index by-owner is {"IndexName":"by-owner","KeySchema":[{"AttributeName":"$by-owner:owner","KeyType":"HASH"}],' +
        '"Projection":{"ProjectionType":"ALL"}}; it needs {"IndexName":"by-owner","KeySchema":[{"AttributeName":"$by-owner:owner","KeyType":"HASH"},' +
        '{"AttributeName":"$by-owner:createdAt+key","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}',
    ]);
  });

  it("names a changes function reading another table's stream, and a stream without both images", () => {
    const other = samProblems(
      app,
      template((r) => {
        r.OtherTable = { Type: "AWS::DynamoDB::Table", Properties: { StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" } } };
        const event = (props(r.FeedFunction).Events as Record<string, JsonObject>).Changes!.Properties as JsonObject;
        event.Stream = { "Fn::GetAtt": ["OtherTable", "StreamArn"] };
      }),
    );
    expect(other).toEqual([
      "FeedFunction (function feed) reads the stream of OtherTable, not NotesTable where collection notes is kept",
      "FeedFunction (function feed) uses collection notes but no policy of it names its table NotesTable",
      "OtherTable is an AWS::DynamoDB::Table that keeps none of app jot's collections (notes)",
    ]);
    const keysOnly = samProblems(
      app,
      template((r) => {
        props(r.NotesTable).StreamSpecification = { StreamViewType: "KEYS_ONLY" };
      }),
    );
    expect(keysOnly).toEqual(["FeedFunction (function feed): the stream of NotesTable is not NEW_AND_OLD_IMAGES"]);
  });

  it("names a function not granted a collection it uses, and one granted a collection it does not use", () => {
    const problems = samProblems(
      app,
      template((r) => {
        props(r.TidyFunction).Policies = props(r.ApiFunction).Policies!;
        delete props(r.ApiFunction).Policies;
      }),
    );
    expect(problems).toEqual([
      "ApiFunction (function api) uses collection notes but no policy of it names its table NotesTable",
      "TidyFunction (function tidy) is granted NotesTable (collection notes), which it does not use",
    ]);
  });

  it("reads the grants of inline statements (!GetAtt, !Sub of an index) and of the role a function runs as", () => {
    const statement = (resource: JsonObject) => [
      { PolicyName: "notes", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "dynamodb:Query", Resource: resource }] } },
    ];
    const byIndex = template((r) => {
      props(r.ApiFunction).Policies = [{ Statement: [{ Effect: "Allow", Action: "dynamodb:Query", Resource: { "Fn::Sub": "${NotesTable.Arn}/index/*" } }] }];
    });
    expect(samProblems(app, byIndex)).toEqual([]);
    const byRole = template((r) => {
      delete props(r.ApiFunction).Policies;
      props(r.ApiFunction).Role = { "Fn::GetAtt": ["TidyRole", "Arn"] };
      props(r.TidyFunction).Role = { "Fn::GetAtt": ["TidyRole", "Arn"] };
      r.TidyRole = { Type: "AWS::IAM::Role", Properties: { Policies: statement({ "Fn::GetAtt": ["NotesTable", "Arn"] }) } };
    });
    expect(samProblems(app, byRole)).toEqual(["TidyFunction (function tidy) is granted NotesTable (collection notes), which it does not use"]);
  });

  it("reports nothing about tables for an app that declares no collections", () => {
    const bare = defineApp({ name: "jot", functions: { tidy: schedule("every 1 hour", () => async () => undefined) } });
    const only = template((r) => {
      props(r.TidyFunction).Policies = props(r.ApiFunction).Policies!;
      for (const id of ["ApiFunction", "FeedFunction"]) delete r[id];
    });
    expect(samProblems(bare, only)).toEqual([]);
  });
});

describe("a gcloud script, checked against the app's collections' Firestore indexes", () => {
  const firestore = `
gcloud firestore indexes composite create --collection-group=notes --query-scope=collection \\
  --field-config=field-path=k_owner,order=ascending --field-config=field-path=k_createdAt,order=ascending \\
  --field-config=field-path=k_id,order=ascending --database="$DATABASE"
gcloud firestore indexes composite create --collection-group=notes --query-scope=collection \\
  --field-config=field-path=k_owner,order=ascending --field-config=field-path=k_createdAt,order=descending \\
  --field-config=field-path=k_id,order=descending --database="$DATABASE"
gcloud firestore fields ttls update expiresAt --collection-group=notes --enable-ttl --database="$DATABASE"
gcloud firestore indexes fields update expiresAt --collection-group=notes --disable-indexes --database="$DATABASE"
gcloud firestore indexes fields update '\`$document\`' --collection-group=notes --disable-indexes --database="$DATABASE"
gcloud firestore indexes fields update '\`$version\`' --collection-group=notes --disable-indexes --database="$DATABASE"
`;
  const script = `${firestore}
gcloud functions deploy jot-api --source="$SOURCE/api" --entry-point=api --trigger-http
gcloud functions deploy jot-feed --source="$SOURCE/feed" --entry-point=feed \\
  --trigger-event-filters=type=google.cloud.firestore.document.v1.written --trigger-event-filters-path-pattern=document='notes/{id}'
gcloud functions deploy jot-tidy --source="$SOURCE/tidy" --entry-point=tidy --trigger-http
gcloud scheduler jobs create http jot-tidy --schedule="0 * * * *"
`;

  it("passes when the script makes the composite indexes, the TTL policy and the exemptions collectionIndexes lists", () => {
    expect(gcloudProblems(app, script)).toEqual([]);
  });

  it("names an index, a TTL policy or an exemption it lacks, and one no collection declares", () => {
    const broken = script
      .replace("field-path=k_createdAt,order=descending", "field-path=k_createdAt,order=ascending")
      .replace("ttls update expiresAt --collection-group=notes", "ttls update expiresAt --collection-group=jots")
      .replace(/.*\$version.*\n/, "");
    expect(gcloudProblems(app, broken)).toEqual([
      "Firestore: the script makes no composite index on notes (k_owner ASCENDING, k_createdAt DESCENDING, k_id DESCENDING), " +
        "which app jot's collections need",
      "Firestore: the script makes no single-field index exemption on notes.`$version`, which app jot's collections need",
      "Firestore: the script makes no TTL policy on notes.expiresAt, which app jot's collections need",
      "Firestore: the script makes a composite index on notes (k_owner ASCENDING, k_createdAt ASCENDING, k_id DESCENDING), " +
        "which no collection of app jot declares",
      "Firestore: the script makes a TTL policy on jots.expiresAt, which no collection of app jot declares",
    ]);
  });

  it("reads the collection group SKYPORT_COLLECTION_<NAME> gives, and the firestore.indexes.json a script deploys from", () => {
    const moved = script.replaceAll("--collection-group=notes", "--collection-group=jot-notes");
    expect(gcloudProblems(app, `${moved}\nENV=SKYPORT_COLLECTION_NOTES=jot-notes,SKYPORT_STORE=firestore\n`)).toEqual([]);
    const fromFile = script.replace(firestore, 'gcloud firestore indexes composite create --collection-group="$collection" "${fields[@]}"\n');
    expect(gcloudProblems(app, fromFile)).toHaveLength(6);
    const indexes = {
      indexes: [
        ["ASCENDING", "ASCENDING"],
        ["DESCENDING", "DESCENDING"],
      ].map(([a, b]) => ({
        collectionGroup: "notes",
        queryScope: "COLLECTION" as const,
        fields: [
          { fieldPath: "k_owner", order: "ASCENDING" as const },
          { fieldPath: "k_createdAt", order: a as "ASCENDING" },
          { fieldPath: "k_id", order: b as "ASCENDING" },
        ],
      })),
      fieldOverrides: [
        { collectionGroup: "notes", fieldPath: "`$document`", indexes: [] },
        { collectionGroup: "notes", fieldPath: "`$version`", indexes: [] },
        { collectionGroup: "notes", fieldPath: "expiresAt", ttl: true, indexes: [] },
      ],
    };
    expect(gcloudProblems(app, fromFile, indexes)).toEqual([]);
  });

  it("reports nothing about Firestore for an app that declares no collections", () => {
    const bare = defineApp({ name: "jot", functions: { api: http(() => []) } });
    expect(gcloudProblems(bare, `${firestore}\ngcloud functions deploy jot-api --source="$SOURCE/api" --entry-point=api --trigger-http\n`)).toEqual([]);
  });
});

describe("a Bicep template, checked against the app's collections' Cosmos DB containers and grants", () => {
  const container = `resource notesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'notes'
  properties: {
    resource: {
      id: 'notes'
      partitionKey: { paths: ['/p_id'], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/p_id/?' }
          { path: '/exp/?' }
          { path: '/i_by_owner/?' }
          { path: '/o_by_owner/?' }
          { path: '/"$deleted"/?' }
        ]
        excludedPaths: [{ path: '/*' }]
        compositeIndexes: [
          [
            { path: '/i_by_owner', order: 'ascending' }
            { path: '/o_by_owner', order: 'ascending' }
          ]
          [
            { path: '/i_by_owner', order: 'descending' }
            { path: '/o_by_owner', order: 'descending' }
          ]
        ]
      }
      // TTL on, per item.
      defaultTtl: -1
    }
  }
}
`;
  const leases = `resource leasesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'leases'
  properties: { resource: { id: 'leases', partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 } } }
}
`;
  const grant = (symbol: string, scope: string) => `resource ${symbol} 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, '${symbol}')
  properties: {
    roleDefinitionId: '\${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: app.identity.principalId
    scope: '${scope}'
  }
}
`;
  const feedSetup = `resource notesPoison 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: 'notes-changes-poison'
}
resource app 'Microsoft.Web/sites@2024-11-01' = {
  properties: { siteConfig: { appSettings: [
    { name: 'SKYPORT_COSMOS__accountEndpoint', value: cosmos.properties.documentEndpoint }
  ] } }
}
`;
  const bicep = [
    "var databaseName = 'jot'\n",
    container,
    leases,
    grant("notesData", "${cosmos.id}/dbs/${databaseName}/colls/${notesContainer.name}"),
    grant("leasesData", "${cosmos.id}/dbs/${databaseName}/colls/leases"),
    feedSetup,
  ].join("");

  it("passes a container per collection as containerDefinitionOf declares it, granted to the app by its own scope", () => {
    expect(bicepProblems(app, bicep)).toEqual([]);
    // Where SKYPORT_COLLECTION_NOTES puts it (an app without the changes function, whose check reads the collection's own name).
    const apiOnly = defineApp({ name: "jot", collections: { notes }, functions: { api: app.functions.api } });
    const moved = bicep
      .replaceAll("'notes'", "notesName")
      .replace("var databaseName = 'jot'", "var databaseName = 'jot'\nvar notesName = 'jot-notes'")
      .replace("{ name: 'SKYPORT_COSMOS__accountEndpoint'", "{ name: 'SKYPORT_COLLECTION_NOTES', value: notesName }\n    $&");
    expect(bicepProblems(apiOnly, moved)).toEqual(["container leases (leasesContainer) keeps none of app jot's collections (notes)"]);
    expect(bicepProblems(apiOnly, moved.replace("{ name: 'SKYPORT_COLLECTION_NOTES', value: notesName }", ""))).toContain(
      "collection notes: no Cosmos DB container notes",
    );
  });

  it("names a collection without its container, and a container that keeps no collection", () => {
    const problems = bicepProblems(app, bicep.replace("name: 'notes'\n", "name: 'jots'\n"));
    expect(problems).toEqual([
      "changes notes: no Cosmos DB container notes for its trigger to read",
      "collection notes: no Cosmos DB container notes",
      "container jots (notesContainer) keeps none of app jot's collections (notes)",
      "collection notes: api, feed use it, but no Cosmos DB role assignment is scoped to its container notes",
    ]);
  });

  it("names a partition key, an indexing policy or a TTL other than containerDefinitionOf gives", () => {
    const problems = bicepProblems(app, bicep.replace("'/p_id'", "'/id'").replace("{ path: '/exp/?' }\n", "").replace("      defaultTtl: -1\n", ""));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^collection notes: container notes's partitionKey is \{"kind":"Hash","paths":\["\/id"\],"version":2\}; it needs .*"\/p_id"/);
    expect(problems[1]).toMatch(/^collection notes: container notes's indexingPolicy is .*; it needs .*"\/exp\/\?"/);
    expect(problems[2]).toBe("collection notes: container notes's defaultTtl is null; it needs -1");
  });

  it("names a grant of a whole database, and one of a container no function uses", () => {
    const wide = bicep.replace("/colls/${notesContainer.name}", "");
    expect(bicepProblems(app, wide)).toEqual([
      "notesData grants Cosmos DB data access to ${cosmos.id}/dbs/jot, every container in it; scope it to each container the functions use",
      "collection notes: api, feed use it, but no Cosmos DB role assignment is scoped to its container notes",
    ]);
    const unused = defineApp({
      name: "jot",
      collections: { notes },
      functions: { tidy: schedule("every 1 hour", () => async () => undefined) },
    });
    expect(bicepProblems(unused, bicep)).toEqual([
      "container leases (leasesContainer) keeps none of app jot's collections (notes)",
      "notesData grants container notes (collection notes), which no function uses",
    ]);
  });

  it("reports nothing about containers or grants for an app that declares no collections", () => {
    const bare = defineApp({ name: "jot", functions: { tidy: schedule("every 1 hour", () => async () => undefined) } });
    expect(bicepProblems(bare, bicep.replace("/colls/${notesContainer.name}", ""))).toEqual([]);
  });
});
