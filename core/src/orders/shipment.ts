import { PoisonMessage } from "../app/queue-router.js";
import { ORDER_ID_PATTERN } from "./ids.js";
import type { Shipment } from "./order.js";

/** The type of the shipments stream's record that marks an order shipped. */
export const SHIPMENT_DISPATCHED = "shipment.dispatched";

/** 1-64 printable ASCII characters, not starting or ending with a space. */
const PRINTABLE = /^[\x21-\x7E](?:[\x20-\x7E]{0,62}[\x21-\x7E])?$/;
/** ISO 8601 date and time with a zone (Z or an offset), as JSON dates are written. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A shipments stream record: which order left, and its shipment. */
export interface ShipmentDispatched {
  orderId: string;
  shipment: Shipment;
}

/**
 * A `shipment.dispatched` record, checked: anything else is poison (no retry can fix a payload),
 * named field by field. Fields the record carries beyond these are ignored, so that a warehouse may add some.
 */
export function shipmentDispatched(data: unknown): ShipmentDispatched {
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new PoisonMessage("shipment record is not a JSON object");
  const record = data as Record<string, unknown>;
  const problems: string[] = [];
  if (record.type !== SHIPMENT_DISPATCHED) problems.push(`type is not ${SHIPMENT_DISPATCHED}`);
  if (typeof record.orderId !== "string" || !ORDER_ID_PATTERN.test(record.orderId)) problems.push("orderId is not an order id");
  for (const field of ["shipmentId", "carrier", "trackingNumber"] as const) {
    const value = record[field];
    if (typeof value !== "string" || !PRINTABLE.test(value)) problems.push(`${field} is not 1-64 printable characters`);
  }
  const { dispatchedAt } = record;
  if (typeof dispatchedAt !== "string" || !INSTANT.test(dispatchedAt) || Number.isNaN(Date.parse(dispatchedAt))) {
    problems.push("dispatchedAt is not an ISO 8601 instant");
  }
  if (problems.length > 0) throw new PoisonMessage(`invalid shipment record: ${problems.join("; ")}`);
  const { orderId, shipmentId, carrier, trackingNumber } = record as Record<string, string>;
  return { orderId: orderId!, shipment: { shipmentId: shipmentId!, carrier: carrier!, trackingNumber: trackingNumber!, dispatchedAt: dispatchedAt as string } };
}
