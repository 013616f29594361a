import { customerList, decodeKeyset } from "../ports/keyset.js";

/**
 * A list cursor is the store's position as it is: every store makes it with core's keyset codec
 * (ports/keyset.ts), which already makes it opaque, binds it to the customer's list and checks
 * it. Decoding checks that binding here too, so that a cursor from another customer's list is
 * refused before any store sees it.
 */
export function encodeCursor(_customerId: string, position: string): string {
  return position;
}

export function decodeCursor(cursor: string, customerId: string): string {
  decodeKeyset(customerList(customerId), cursor);
  return cursor;
}
