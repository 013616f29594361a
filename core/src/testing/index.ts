export { storeContract, type StoreUnderTest } from "./store-contract.js";
export { orderAt, ordersFor, uniqueCustomer } from "./orders.js";
