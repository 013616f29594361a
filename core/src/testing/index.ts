export { storeContract, type StoreUnderTest } from "./store-contract.js";
export { httpContract } from "./http-contract.js";
export type { HttpTarget, ContractRequest, ContractResponse } from "./http-target.js";
export { fetchTarget } from "./fetch-target.js";
export { queueContract, type QueueTarget, type ContractMessage, type DeliveryOutcome } from "./queue-contract.js";
export { scheduleContract, type ScheduleTarget } from "./schedule-contract.js";
export { orderAt, ordersFor, uniqueCustomer } from "./orders.js";
export { freePort, startServerProcess, type ServerProcess, type ServerProcessOptions } from "./server-process.js";
