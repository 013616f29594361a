// __NAME__ on Azure Functions (Flex Consumption): the app registers api, work and tick from its
// bundle (apps/__NAME__/dist/azure); this template gives it storage, the jobs queue and its
// poison queue, the setting that names the queue, and a serverless Cosmos DB account with the
// notes and idempotency-keys containers. Identity-based: no key in any setting.
param location string = resourceGroup().location
@minLength(1)
@maxLength(16)
param stage string = 'dev'
@description('A Key Vault of this resource group (RBAC authorization) holding the receipt-signing-key secret that work reads.')
param keyVaultName string
@description('Turns on the notes cache of api (off by default): an Azure Managed Redis whose one database the app reaches with its own identity (Microsoft Entra ID; the database has no access key).')
param cache bool = false

var baseName = take('__NAME__-${stage}-${uniqueString(resourceGroup().id, stage)}', 40)
var jobsQueueName = 'jobs'
var deploymentContainerName = 'app-package'
var databaseName = '__NAME__'
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: take(replace(toLower(baseName), '-', ''), 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
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
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource jobsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: jobsQueueName
}

// Where the host moves a job that failed host.json's maxDequeueCount times.
resource jobsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: '${jobsQueueName}-poison'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: toLower(baseName)
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: { type: 'Continuous', continuousModeProperties: { tier: 'Continuous7Days' } }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: cosmos
  name: databaseName
  properties: { resource: { id: databaseName } }
}

// The notes collection (src/notes.ts) as @skyport/cosmos's containerDefinitionOf declares it:
// partitioned by its key's attribute, only the key, expiry and by-owner attributes and the tombstone marker indexed (the
// index by a composite index in both directions), TTL on with each item's own ttl.
resource notesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
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
        excludedPaths: [
          { path: '/*' }
        ]
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
      defaultTtl: -1
    }
  }
}

// The framework's idempotency-keys collection (core's idempotencyCollection: key key, expiry retainUntil),
// where api's idempotent POST /notes keeps each Idempotency-Key's record: point reads and writes only.
resource idempotencyKeysContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = {
  parent: database
  name: 'idempotency-keys'
  properties: {
    resource: {
      id: 'idempotency-keys'
      partitionKey: { paths: ['/p_key'], kind: 'Hash', version: 2 }
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
      // TTL on, no default: each key's item carries its own ttl (its retention).
      defaultTtl: -1
    }
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: baseName
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: baseName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      // With the cache on, SKYPORT_REDIS_URL holds no secret: the app signs in with its identity (SKYPORT_REDIS_AUTH=entra-id).
      appSettings: concat([
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'SKYPORT_TOPIC_JOBS', value: jobsQueueName }
        { name: 'SKYPORT_QUEUE_SERVICE_URL', value: storage.properties.primaryEndpoints.queue }
        { name: 'SKYPORT_COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'SKYPORT_COSMOS_DATABASE', value: databaseName }
        { name: 'SKYPORT_KEY_VAULT_URL', value: vault.properties.vaultUri }
      ], cache ? [
        { name: 'SKYPORT_CACHE', value: 'redis' }
        { name: 'SKYPORT_REDIS_URL', value: 'rediss://${redis.properties.hostName}:10000' }
        { name: 'SKYPORT_REDIS_AUTH', value: 'entra-id' }
      ] : [])
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '22' }
    }
  }
}

// api's cache (cache=true): Azure Managed Redis, the smallest Balanced SKU, billed by the hour while it exists,
// read or not; TLS only, reached on its public endpoint by the app's Entra ID token alone (no access key).
// For a private endpoint instead, the app needs VNet integration and the cache a private DNS zone.
resource redis 'Microsoft.Cache/redisEnterprise@2025-04-01' = if (cache) {
  name: baseName
  location: location
  sku: { name: 'Balanced_B0' }
  properties: { minimumTlsVersion: '1.2' }
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

// The app's identity on that one database, with its default access policy: the one data access policy
// Azure Managed Redis offers, so the narrowest grant there is (no management-plane role).
resource redisAccess 'Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments@2025-04-01' = if (cache) {
  parent: redisDatabase
  name: 'app'
  properties: {
    accessPolicyName: 'default'
    user: { objectId: app.identity.principalId }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource receiptKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {
  parent: vault
  name: 'receipt-signing-key'
}

// Key Vault Secrets User on the one secret work reads (src/receipts.ts), the narrowest scope Key Vault's RBAC allows.
resource receiptKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(receiptKeySecret.id, app.id, roles.keyVaultSecretsUser)
  scope: receiptKeySecret
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The host's own state and the deployment package live in blobs; the queues carry the jobs.
resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB's built-in Data Contributor, on the notes and idempotency-keys containers alone: the functions use no other.
// One Functions app runs every function under one identity, so Azure grants the app, not a function.
resource notesDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, 'notes')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: app.identity.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${notesContainer.name}'
  }
}

resource idempotencyKeysDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, 'idempotency-keys')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: app.identity.principalId
    scope: '${cosmos.id}/dbs/${databaseName}/colls/${idempotencyKeysContainer.name}'
  }
}

output functionAppName string = app.name
output url string = 'https://${app.properties.defaultHostName}'
