export { DEFAULT_DATABASE, readCosmosSettings, type CosmosSettings } from "./settings.js";
export { cosmosDocuments, type CosmosDocumentsOptions } from "./documents/cosmos-documents.js";
export { containerDefinitionOf, indexingPolicyOf } from "./documents/container-definition.js";
export { ContainerKeyMismatch } from "./documents/container-key.js";
