export { storeContract, type StoreUnderTest } from "./store-contract.js";
export { orderAt, ordersFor, uniqueCustomer } from "./orders.js";
export { freePort, startServerProcess, type ServerProcess, type ServerProcessOptions } from "./server-process.js";
