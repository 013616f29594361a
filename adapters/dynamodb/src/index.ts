export { readDynamoDbSettings, collectionTable, type DynamoDbSettings } from "./settings.js";
export { dynamoDbDocuments, dynamoDbDocumentsOn } from "./documents/dynamodb-documents.js";
export { tableDefinition, type TableDefinition } from "./documents/table-definition.js";
export { ITEM_ATTRIBUTES, indexAttributes } from "./documents/item-attributes.js";
export { CollectionTableMismatch } from "./documents/table-mismatch.js";
