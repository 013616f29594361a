// Skyport's order service on Azure Functions (Flex Consumption, Linux, Node.js 22) with
// Cosmos DB for NoSQL (serverless) and a Storage queue. Every connection is identity-based:
// the app's system-assigned managed identity holds one role per resource it touches, and no
// account key or shared-key connection string appears in its settings.

@description('Prefix of every resource name: 3-20 lower-case letters, digits and hyphens.')
@minLength(3)
@maxLength(20)
param appName string = 'skyport-orders'

@description('Environment name (dev, test, prod...): part of every resource name, so stages coexist in a subscription, even in one resource group.')
@minLength(1)
@maxLength(12)
param stage string = 'dev'

@description('Required: the OIDC issuer (https://) whose JWTs callers present (SKYPORT_AUTH_ISSUER). No deployment is open.')
@minLength(9)
param authIssuer string

@description('Required: the audience those tokens must name (SKYPORT_AUTH_AUDIENCE).')
@minLength(1)
param authAudience string

@description('The claim that holds the caller\'s customer id (SKYPORT_AUTH_CUSTOMER_CLAIM).')
param authCustomerClaim string = 'sub'

@description('An e-mail address told when a message lands in the poison queue; empty for none (the alert still shows in Azure Monitor).')
param alertEmail string = ''

@description('Region for every resource; the resource group\'s by default.')
param location string = resourceGroup().location

@description('Pending orders older than this many days are deleted by the cleanup (SKYPORT_RETENTION_DAYS).')
@minValue(1)
@maxValue(36500)
param retentionDays int = 30

@description('SKYPORT_LOG_LEVEL of the function app.')
@allowed(['debug', 'info', 'warn', 'error'])
param logLevel string = 'info'

@description('Most instances Flex Consumption may scale the app out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Turns on the order cache (off by default): an Azure Managed Redis whose one database the app reaches with its own identity (Microsoft Entra ID; the database has no access key).')
param cache bool = false

var suffix = uniqueString(resourceGroup().id, appName, stage)
// A Cosmos DB account name has at most 44 characters; the cut falls inside the unique suffix.
var baseName = take('${appName}-${stage}-${suffix}', 44)
var databaseName = 'skyport'
var queueName = 'orders'
var shipmentsStream = 'shipments'
// The Cosmos DB container the outbox function's trigger reads (its changes' dead letters are named after it).
var changesCollection = 'orders'
var deploymentContainerName = 'app-package'

// Built-in role definitions (the same ids in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageQueueDataMessageSender: 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
}

// Monitoring: workspace-based Application Insights that accepts only Entra-authenticated telemetry.

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: baseName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: baseName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

// Storage: the host's own state, the deployment package, and the orders queue.

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'st${suffix}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource ordersQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: queueName
  properties: {}
}

// Where the host moves a message that failed host.json's maxDequeueCount times.
resource poisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '${queueName}-poison'
  properties: {}
}

// Where the outbox function writes an order change that still failed after its own retries (the
// Cosmos DB trigger never delivers a batch again).
resource changesPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '${changesCollection}-changes-poison'
  properties: {}
}

// Cosmos DB for NoSQL, serverless, Entra-only: a container per collection, as @skyport/cosmos's containerDefinitionOf declares it.

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: baseName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    // Restore the account to any second of the last 7 days (the 7-day tier has no charge).
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

// The orders outlive a mistaken deletion of the account or of the resource group: the teardown in
// deploy/azure/README.md removes this lock first, on purpose.
resource cosmosLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'keep-orders'
  scope: cosmos
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the orders of Skyport. Remove this lock to delete the account (deploy/azure/README.md).'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: cosmos
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

// The orders collection (key id; indexes by-customer and by-status): each item holds the order's JSON
// in $document beside its key and index attributes (adapters/cosmos/README.md, "An item"); only
// those attributes and the tombstone marker $deleted are indexed, each index by a composite index in both directions. The policy is
// containerDefinitionOf(ordersCollection) of @skyport/cosmos, which deploy/test checks it against.
resource ordersContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'orders'
  properties: {
    resource: {
      id: 'orders'
      partitionKey: {
        paths: ['/p_id']
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/p_id/?' }
          { path: '/i_by_customer/?' }
          { path: '/o_by_customer/?' }
          { path: '/i_by_status/?' }
          { path: '/o_by_status/?' }
          { path: '/"$deleted"/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
        compositeIndexes: [
          [
            { path: '/i_by_customer', order: 'ascending' }
            { path: '/o_by_customer', order: 'ascending' }
          ]
          [
            { path: '/i_by_customer', order: 'descending' }
            { path: '/o_by_customer', order: 'descending' }
          ]
          [
            { path: '/i_by_status', order: 'ascending' }
            { path: '/o_by_status', order: 'ascending' }
          ]
          [
            { path: '/i_by_status', order: 'descending' }
            { path: '/o_by_status', order: 'descending' }
          ]
        ]
      }
      // TTL on, no default: a deleted order's tombstone carries its own ttl (adapters/cosmos/README.md, "Deletes").
      defaultTtl: -1
    }
  }
}

// The idempotency-keys collection (key key; expiresAt retainUntil): point reads and writes, and its
// expiry attribute indexed for queries; containerDefinitionOf(idempotencyCollection).
resource idempotencyContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'idempotency-keys'
  properties: {
    resource: {
      id: 'idempotency-keys'
      partitionKey: {
        paths: ['/p_key']
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/p_key/?' }
          { path: '/exp/?' }
          { path: '/"$deleted"/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
      // TTL on, no default: each key's item carries its own ttl (its retention, plus slack for clock skew), as does a tombstone.
      defaultTtl: -1
    }
  }
}

// The Cosmos DB trigger's checkpoints on the orders container's change feed (the outbox function).
resource leasesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: {
        paths: ['/id']
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// The function app on Flex Consumption.

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: baseName
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: baseName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The host's storage, by account name: the managed identity is the credential.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        // An identifier, not a credential: the component refuses telemetry not signed by Entra.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'SKYPORT_STORE', value: 'cosmos' }
        { name: 'SKYPORT_COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'SKYPORT_COSMOS_DATABASE', value: databaseName }
        // The Cosmos DB trigger's connection, identity-based: the account only, no key.
        { name: 'SKYPORT_COSMOS__accountEndpoint', value: cosmos.properties.documentEndpoint }
        { name: 'SKYPORT_QUEUE_SERVICE_URL', value: storage.properties.primaryEndpoints.queue }
        { name: 'SKYPORT_TOPIC_ORDERS', value: queueName }
        { name: 'SKYPORT_STREAM_SHIPMENTS', value: shipmentsStream }
        { name: 'SKYPORT_EVENTHUBS__fullyQualifiedNamespace', value: '${eventHubs.name}.servicebus.windows.net' }
        { name: 'SKYPORT_RETENTION_DAYS', value: string(retentionDays) }
        { name: 'SKYPORT_LOG_LEVEL', value: logLevel }
        { name: 'SKYPORT_BLOB_SERVICE_URL', value: importStorage.properties.primaryEndpoints.blob }
        { name: 'SKYPORT_IMPORT_MAX_BYTES', value: '104857600' }
        // The function verifies every /orders caller's JWT: the HTTP trigger itself is anonymous.
        { name: 'SKYPORT_AUTH_ISSUER', value: authIssuer }
        { name: 'SKYPORT_AUTH_AUDIENCE', value: authAudience }
        { name: 'SKYPORT_AUTH_CUSTOMER_CLAIM', value: authCustomerClaim }
        // The order cache (cache=true): its URL holds no secret, the app signs in with its identity.
        { name: 'SKYPORT_CACHE', value: cache ? 'redis' : 'none' }
        { name: 'SKYPORT_REDIS_URL', value: cache ? 'rediss://${redis.properties.hostName}:10000' : '' }
        { name: 'SKYPORT_REDIS_AUTH', value: cache ? 'entra-id' : 'password' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// The order cache (cache=true): Azure Managed Redis, the smallest Balanced SKU, billed by the hour while it exists,
// read or not; TLS only, reached on its public endpoint with the app's Entra ID token alone (no access key exists).
// A private endpoint instead needs the app's VNet integration and a private DNS zone (deploy/azure/README.md).
resource redis 'Microsoft.Cache/redisEnterprise@2025-04-01' = if (cache) {
  name: baseName
  location: location
  sku: {
    name: 'Balanced_B0'
  }
  properties: {
    minimumTlsVersion: '1.2'
  }
}

resource redisDatabase 'Microsoft.Cache/redisEnterprise/databases@2025-04-01' = if (cache) {
  parent: redis
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'EnterpriseCluster'
    // Every entry has a TTL: when full, the nearest to expiring goes first.
    evictionPolicy: 'VolatileLRU'
    accessKeysAuthentication: 'Disabled'
  }
}

// The app's identity on that one database, with its default access policy: the one data access policy Azure
// Managed Redis offers, so the narrowest grant there is (and no management-plane role).
resource redisAccess 'Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments@2025-04-01' = if (cache) {
  parent: redisDatabase
  name: 'orders'
  properties: {
    accessPolicyName: 'default'
    user: {
      objectId: app.identity.principalId
    }
  }
}

// Publishing goes through Entra ID (az functionapp deployment), never FTP or SCM passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// Role assignments, each on the narrowest resource that works.

// The host creates its own containers at run time (azure-webjobs-hosts for leases and the timer's
// schedule, azure-webjobs-secrets) and reads the package: creating a container is an action on the
// account, so no narrower scope works. The account holds nothing but this app's host and queues.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The publisher sends to, and the trigger reads from, the orders queue.
resource ordersQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(ordersQueue.id, app.id, roles.storageQueueDataContributor)
  scope: ordersQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The host moves poison messages here.
resource poisonQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(poisonQueue.id, app.id, roles.storageQueueDataContributor)
  scope: poisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The outbox function only sends its dead letters: it neither reads nor deletes there.
resource changesPoisonQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(changesPoisonQueue.id, app.id, roles.storageQueueDataMessageSender)
  scope: changesPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Shipments (a stream): warehouses send shipment.dispatched events, partition key orderId, to this
// event hub; the ship function reads it in its own consumer group, by identity (no keys: local auth off).
resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: '${baseName}-ev'
  location: location
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource shipmentsHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: eventHubs
  name: shipmentsStream
  properties: {
    partitionCount: 4
    messageRetentionInDays: 1
  }
}

// Named after the function, as the trigger's registration names it (adapters/azure-functions).
resource shipConsumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: shipmentsHub
  name: 'ship'
  properties: {}
}

// Where the ship function writes a shipment record that is poison, or still failed after its own
// retries: the Event Hubs trigger checkpoints whatever the outcome.
resource shipmentsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '${shipmentsStream}-stream-poison'
  properties: {}
}

// The ship function reads this event hub only.
resource shipmentsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(shipmentsHub.id, app.id, roles.eventHubsDataReceiver)
  scope: shipmentsHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ...and only sends its dead letters: it neither reads nor deletes there.
resource shipmentsPoisonQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(shipmentsPoisonQueue.id, app.id, roles.storageQueueDataMessageSender)
  scope: shipmentsPoisonQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataMessageSender)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB's data plane has its own RBAC: Built-in Data Contributor on each container the functions
// use (the app's one identity runs them all) and on the change feed trigger's leases, nothing else.
resource cosmosOrdersContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, roles.cosmosDataContributor, ordersContainer.name)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    principalId: app.identity.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${ordersContainer.name}'
  }
}

resource cosmosIdempotencyContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, roles.cosmosDataContributor, idempotencyContainer.name)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    principalId: app.identity.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${idempotencyContainer.name}'
  }
}

resource cosmosLeasesContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, roles.cosmosDataContributor, leasesContainer.name)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    principalId: app.identity.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${leasesContainer.name}'
  }
}

// Azure Monitor: a message in the poison queue is an order that was not confirmed. Storage queues
// have no per-queue metric, so the alert reads the queue service's own write log: each message the
// host moves to the poison queue is a PutMessage there.
resource queueWriteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'queue-writes-to-workspace'
  scope: queueService
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

resource alertRecipients 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${baseName}-alerts'
  location: 'global'
  properties: {
    groupShortName: 'skyport'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'alert-email'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource poisonQueueAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-poison-messages'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: '${appName} ${stage}: messages moved to ${queueName}-poison'
    description: 'An order.created message failed maxDequeueCount times (host.json) and waits in the poison queue: see deploy/azure/README.md.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    // The table appears with the first log line: a new workspace cannot validate the query yet.
    skipQueryValidation: true
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and Uri contains "/${queueName}-poison/messages"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        alertRecipients.id
      ]
    }
  }
}

resource changesPoisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-changes-poison'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: '${appName} ${stage}: order changes moved to ${changesCollection}-changes-poison'
    description: 'The outbox function could not publish order.created for an order change after its retries: see deploy/azure/README.md.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    skipQueryValidation: true
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and Uri contains "/${changesCollection}-changes-poison/messages"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        alertRecipients.id
      ]
    }
  }
}

resource shipmentsPoisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-shipments-poison'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: '${appName} ${stage}: shipment records moved to ${shipmentsStream}-stream-poison'
    description: 'A shipment record was poison, or still failed after the ship function\'s retries: see deploy/azure/README.md.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    skipQueryValidation: true
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'StorageQueueLogs | where OperationName == "PutMessage" and Uri contains "/${shipmentsStream}-stream-poison/messages"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        alertRecipients.id
      ]
    }
  }
}

// Bulk import (docs/API.md, Bulk import): an account of its own (the host's account grants the app
// Blob Data Owner), private, encrypted at rest, versioned, reports/ expiring; its BlobCreated events
// under imports/ go to the import function through Event Grid, and what fails every delivery is
// dead-lettered to a container of its own, under an alert. The Event Grid subscription names the
// function: deploy the app's package before this template's first run (deploy/azure/README.md).
var importContainerName = 'orders-imports'
var importDeadLetterContainerName = 'import-dead-letters'
var blobPath = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]'
var blobAction = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs'

resource importStorage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: 'stimp${suffix}'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
        }
      }
    }
  }
}

resource importBlobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: importStorage
  name: 'default'
  properties: {
    isVersioningEnabled: true
  }
}

resource importContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: importBlobService
  name: importContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource importDeadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: importBlobService
  name: importDeadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource importLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: importStorage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-reports'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${importContainerName}/reports/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 30
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 7
                }
              }
            }
          }
        }
      ]
    }
  }
}

// The import function reads imports/ and writes reports/, nothing else: conditions on the blob's path.
resource importReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(importContainer.id, app.id, roles.storageBlobDataReader)
  scope: importContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'${blobAction}/read\'})) OR (${blobPath} StringStartsWith \'imports/\'))'
  }
}

resource importReportWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(importContainer.id, app.id, roles.storageBlobDataContributor)
  scope: importContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'${blobAction}/read\'}) AND !(ActionMatches{\'${blobAction}/write\'}) AND !(ActionMatches{\'${blobAction}/add/action\'}) AND !(ActionMatches{\'${blobAction}/delete\'}) AND !(ActionMatches{\'${blobAction}/move/action\'})) OR (${blobPath} StringStartsWith \'reports/\'))'
  }
}

resource importEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: '${baseName}-imports'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: importStorage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The system topic writes what it could not deliver into the dead-letter container, and nowhere else.
resource importDeadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(importDeadLetterContainer.id, importEvents.id, roles.storageBlobDataContributor)
  scope: importDeadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: importEvents.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource importSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: importEvents
  name: 'import'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${app.id}/functions/import'
        maxEventsPerBatch: 1
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${importContainerName}/blobs/imports/'
    }
    eventDeliverySchema: 'EventGridSchema'
    // An import cut off by the function's timeout resumes on the next delivery; then the dead letter.
    retryPolicy: {
      maxDeliveryAttempts: 10
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: importStorage.id
          blobContainerName: importDeadLetterContainerName
        }
      }
    }
  }
  dependsOn: [
    importDeadLetterWriter
  ]
}

// Writes to the dead-letter container reach the workspace, where the alert below looks for them.
resource importBlobWriteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'import-blob-writes-to-workspace'
  scope: importBlobService
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

resource importDeadLetterAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${baseName}-import-dead-letters'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: '${appName} ${stage}: import events dead-lettered to ${importDeadLetterContainerName}'
    description: 'An import file\'s BlobCreated event failed every delivery and was dead-lettered: see deploy/azure/README.md.'
    severity: 2
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    // The table appears with the first log line: a new workspace cannot validate the query yet.
    skipQueryValidation: true
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'StorageBlobLogs | where OperationName == "PutBlob" and Uri contains "/${importDeadLetterContainerName}/"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        alertRecipients.id
      ]
    }
  }
}

output functionAppName string = app.name
output url string = 'https://${app.properties.defaultHostName}'
output cosmosAccountName string = cosmos.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output queueServiceUrl string = storage.properties.primaryEndpoints.queue
output shipmentsEventHub string = '${eventHubs.name}/${shipmentsHub.name}'
output importBlobServiceUrl string = importStorage.properties.primaryEndpoints.blob
output importContainer string = importContainerName
