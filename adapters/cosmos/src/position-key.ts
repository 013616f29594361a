import { randomBytes } from "node:crypto";
import type { Container } from "@azure/cosmos";
import { statusOf, storeFailure } from "./sdk-errors.js";

/** The document that holds the key positions are sealed with: not an order id, and it has no customer or status. */
export const POSITION_KEY_ID = "skyport.position-key";

interface PositionKeyDocument {
  id: string;
  key: string;
}

/**
 * The sealing key lives beside the data it protects, so every instance shares it without a
 * secret in configuration; the first instance that needs one creates it.
 */
export function positionKeyIn(container: Container): () => Promise<Buffer> {
  const item = container.item(POSITION_KEY_ID, POSITION_KEY_ID);
  const read = async () => (await item.read<PositionKeyDocument>()).resource;
  return async () => {
    try {
      const existing = await read();
      if (existing) return Buffer.from(existing.key, "base64");
      const fresh = { id: POSITION_KEY_ID, key: randomBytes(32).toString("base64") };
      try {
        await container.items.create(fresh);
        return Buffer.from(fresh.key, "base64");
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        const winner = await read(); // another instance created it first
        if (!winner) throw error;
        return Buffer.from(winner.key, "base64");
      }
    } catch (error) {
      throw storeFailure(error);
    }
  };
}
