import {
  customerList,
  decodeKeyset,
  encodeKeyset,
  statusList,
  OrderExists,
  VersionConflict,
  type Order,
  type OrderStore,
  type Page,
  type PageRequest,
  type StatusQuery,
} from "@skyport/core";
import type { Database, Statement } from "better-sqlite3";
import { mapSqliteErrors } from "./sqlite-errors.js";

/** The listing queries, exported so that a test can check that each one is served by an index. */
export const orderQueries = {
  byCustomer: `SELECT body FROM orders WHERE customer_id = @customerId
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  byCustomerAfter: `SELECT body FROM orders WHERE customer_id = @customerId AND (created_at, id) < (@createdAt, @id)
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  byStatus: `SELECT body FROM orders WHERE status = @status AND created_at < @createdBefore
    ORDER BY created_at, id LIMIT @limit`,
  byStatusAfter: `SELECT body FROM orders WHERE status = @status AND created_at < @createdBefore
    AND (created_at, id) > (@createdAt, @id) ORDER BY created_at, id LIMIT @limit`,
} as const;

// Sorts after every ISO 8601 timestamp, so "no cutoff" needs no query of its own.
const NO_CUTOFF = "\u{10FFFF}";

interface OrderRow {
  body: string;
}

type ListStatement = Statement<[Record<string, unknown>], OrderRow>;

/** Orders as JSON beside the columns the queries filter and sort on; versioned writes in one statement each. */
export class SqliteOrderStore implements OrderStore {
  private readonly insert: Statement;
  private readonly select: Statement<[string], OrderRow>;
  private readonly replace: Statement;
  private readonly remove: Statement;
  private readonly lists: { [name in keyof typeof orderQueries]: ListStatement };

  constructor(db: Database) {
    this.insert = db.prepare(`INSERT INTO orders (id, customer_id, status, created_at, version, body)
      VALUES (@id, @customerId, @status, @createdAt, @version, @body) ON CONFLICT (id) DO NOTHING`);
    this.select = db.prepare("SELECT body FROM orders WHERE id = ?");
    this.replace = db.prepare(`UPDATE orders SET customer_id = @customerId, status = @status, created_at = @createdAt,
      version = @version, body = @body WHERE id = @id AND version = @expectedVersion`);
    this.remove = db.prepare("DELETE FROM orders WHERE id = ? AND version = ?");
    this.lists = {
      byCustomer: db.prepare(orderQueries.byCustomer),
      byCustomerAfter: db.prepare(orderQueries.byCustomerAfter),
      byStatus: db.prepare(orderQueries.byStatus),
      byStatusAfter: db.prepare(orderQueries.byStatusAfter),
    };
  }

  async create(order: Order): Promise<void> {
    const { changes } = mapSqliteErrors(() => this.insert.run(columns(order)));
    if (changes === 0) throw new OrderExists(order.id);
  }

  async get(id: string): Promise<Order | null> {
    const row = mapSqliteErrors(() => this.select.get(id));
    return row ? parseOrder(row) : null;
  }

  async update(order: Order, expectedVersion: number): Promise<void> {
    const { changes } = mapSqliteErrors(() => this.replace.run({ ...columns(order), expectedVersion }));
    if (changes === 0) throw new VersionConflict(order.id);
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    const { changes } = mapSqliteErrors(() => this.remove.run(id, expectedVersion));
    if (changes === 0) throw new VersionConflict(id);
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    const list = customerList(customerId);
    const after = page.after === undefined ? undefined : decodeKeyset(list, page.after);
    const statement = after ? this.lists.byCustomerAfter : this.lists.byCustomer;
    return pageOf(statement, list, { customerId, ...after }, page.limit);
  }

  async listByStatus(query: StatusQuery): Promise<Page<Order>> {
    const list = statusList(query.status);
    const after = query.after === undefined ? undefined : decodeKeyset(list, query.after);
    const statement = after ? this.lists.byStatusAfter : this.lists.byStatus;
    const createdBefore = query.createdBefore ?? NO_CUTOFF;
    return pageOf(statement, list, { status: query.status, createdBefore, ...after }, query.limit);
  }
}

function columns(order: Order) {
  const { id, customerId, status, createdAt, version } = order;
  return { id, customerId, status, createdAt, version, body: JSON.stringify(order) };
}

function parseOrder(row: OrderRow): Order {
  return JSON.parse(row.body) as Order;
}

/** Reads one row past the page so that a last page that is exactly full ends with next = null. */
function pageOf(statement: ListStatement, list: string, params: Record<string, unknown>, limit: number): Page<Order> {
  const rows = mapSqliteErrors(() => statement.all({ ...params, limit: limit + 1 }));
  const items = rows.slice(0, limit).map(parseOrder);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeKeyset(list, last) : null };
}
