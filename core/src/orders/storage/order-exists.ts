/** Thrown by an order store when the id is taken: the API's create answers it, the bulk import counts it as replayed. */
export class OrderExists extends Error {
  constructor(readonly orderId: string) {
    super(`order ${orderId} already exists`);
    this.name = "OrderExists";
  }
}
