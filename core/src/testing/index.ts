// @skyport/core/testing: the framework's test helpers, for any app. The order service's contract suites are @skyport/core/orders/testing.
export type { HttpTarget, ContractRequest, ContractResponse } from "./http-target.js";
export type { ContractMessage, DeliveryOutcome } from "./delivery.js";
export { fetchTarget } from "./fetch-target.js";
export { rawHttpRequest } from "./raw-http.js";
export { LEAK_PATTERN } from "./leaks.js";
export { expectProblemResponse, PROBLEM_KINDS, PROBLEM_TYPE_BASE, type Problem } from "./problems.js";
export { uniqueKey } from "./unique-key.js";
export { freePort, startServerProcess, type ServerProcess, type ServerProcessOptions } from "./server-process.js";
export { switchableProxy, type SwitchableProxy } from "./switchable-proxy.js";
export { startTestIssuer, type TestIssuer } from "./oidc-issuer.js";
export { MemoryBucket } from "./memory-bucket.js";
export { documentsContract, type DocumentsSuite } from "./documents-contract.js";
export { contractCollections, type DocumentsUnderTest, type Loan, type Profile } from "./documents-fixtures.js";
export { bundleChildScript } from "./child-bundle.js";
export { countedDocuments, type CountedDocuments } from "./counted-documents.js";
export { cacheContract, type CacheUnderTest } from "./cache-contract.js";
export { secretSourceContract, type SecretServiceStandIn, type SecretSourceUnderTest } from "./secret-source-contract.js";
