/** What the clients sent and what they were answered: the campaign's history, checked against the files after the last kill. */
export interface History {
  keys: KeyHistory[];
  imports: ImportHistory[];
  shipments: ShipmentHistory[];
  poison: PoisonHistory[];
  /** HTTP requests sent, answered or not. */
  requests: number;
}

/** One Idempotency-Key of a POST /orders client: its body's one item has a sku no other key uses. */
export interface KeyHistory {
  key: string;
  sku: string;
  /** Each attempt's answer: a status, or "no answer" (connection refused or reset, the server killed). */
  answers: (number | "no answer")[];
  /** The order ids of the 201 answers, in order (a replay answers the same id). */
  ids: string[];
}

/** A CSV dropped in the bucket's imports/: its own customer, an order per valid ref (sku `<ref>`), and one invalid order. */
export interface ImportHistory {
  object: string;
  customerId: string;
  refs: string[];
  invalidRef: string;
}

/** A shipment.dispatched record put for an order seen confirmed; `puts` > 1 when the producer sent it again. */
export interface ShipmentHistory {
  orderId: string;
  shipmentId: string;
  puts: number;
}

/** A record for an order that does not exist: poison, which must be dead-lettered. */
export interface PoisonHistory {
  orderId: string;
  shipmentId: string;
}

export const emptyHistory = (): History => ({ keys: [], imports: [], shipments: [], poison: [], requests: 0 });
