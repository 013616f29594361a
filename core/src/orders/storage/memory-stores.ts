import { memoryDocuments } from "../../collections/memory-documents.js";
import { orderStoresOn } from "./stores.js";
import type { Stores } from "../stores.js";

/** SKYPORT_STORE=memory: both stores on memory documents in this process, gone when it ends, and their change feed. */
export function memoryStores(): Stores {
  return orderStoresOn(memoryDocuments());
}
