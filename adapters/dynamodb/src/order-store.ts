import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import {
  customerList,
  decodeKeyset,
  encodeKeyset,
  OrderExists,
  statusList,
  VersionConflict,
  type Order,
  type OrderStore,
  type Page,
  type PageRequest,
  type StatusQuery,
} from "@skyport/core";
import { orderFromRecord, orderPk, orderToRecord } from "./order-record.js";
import { startKeyFor } from "./position.js";
import { isConditionFailed, storeError } from "./sdk-errors.js";
import { ORDERS_TABLE } from "./table.js";

const { byCustomer, byStatus } = ORDERS_TABLE;

/** Orders in the single table: conditional writes by version, lists from the two indexes. */
export class DynamoDbOrderStore implements OrderStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(order: Order): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: orderToRecord(order),
          ConditionExpression: "attribute_not_exists(#pk)",
          ExpressionAttributeNames: { "#pk": ORDERS_TABLE.partitionKey },
        }),
      );
    } catch (error) {
      throw isConditionFailed(error) ? new OrderExists(order.id) : storeError(error);
    }
  }

  async get(id: string): Promise<Order | null> {
    try {
      const { Item } = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: { [ORDERS_TABLE.partitionKey]: orderPk(id) }, ConsistentRead: true }),
      );
      return Item ? orderFromRecord(Item) : null;
    } catch (error) {
      throw storeError(error);
    }
  }

  async update(order: Order, expectedVersion: number): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: orderToRecord(order),
          // An absent order has no version, so the condition also refuses to create one.
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        }),
      );
    } catch (error) {
      throw isConditionFailed(error) ? new VersionConflict(order.id) : storeError(error);
    }
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    try {
      await this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { [ORDERS_TABLE.partitionKey]: orderPk(id) },
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        }),
      );
    } catch (error) {
      throw isConditionFailed(error) ? new VersionConflict(id) : storeError(error);
    }
  }

  async listByCustomer(customerId: string, page: PageRequest): Promise<Page<Order>> {
    const list = customerList(customerId);
    return this.queryPage(
      list,
      {
        IndexName: byCustomer.name,
        KeyConditionExpression: "#partition = :partition",
        ExpressionAttributeNames: { "#partition": byCustomer.partitionKey },
        ExpressionAttributeValues: { ":partition": customerId },
        ScanIndexForward: false,
        ExclusiveStartKey: page.after === undefined ? undefined : startKeyFor(byCustomer, customerId, decodeKeyset(list, page.after)),
      },
      page.limit,
    );
  }

  async listByStatus(query: StatusQuery): Promise<Page<Order>> {
    const before = query.createdBefore;
    const list = statusList(query.status);
    return this.queryPage(
      list,
      {
        IndexName: byStatus.name,
        // `<createdAt>#<id>` < `<createdBefore>` exactly when createdAt < createdBefore (same-length ISO strings).
        KeyConditionExpression: before === undefined ? "#partition = :partition" : "#partition = :partition AND #sort < :before",
        ExpressionAttributeNames: { "#partition": byStatus.partitionKey, ...(before === undefined ? {} : { "#sort": byStatus.sortKey }) },
        ExpressionAttributeValues: { ":partition": query.status, ...(before === undefined ? {} : { ":before": before }) },
        ScanIndexForward: true,
        ExclusiveStartKey: query.after === undefined ? undefined : startKeyFor(byStatus, query.status, decodeKeyset(list, query.after), before),
      },
      query.limit,
    );
  }

  /** Reads one more than the limit, so that a page that is exactly the last one says so. */
  private async queryPage(list: string, input: Omit<QueryCommandInput, "TableName" | "Limit">, limit: number): Promise<Page<Order>> {
    const found: Order[] = [];
    let start = input.ExclusiveStartKey;
    try {
      do {
        const { Items = [], LastEvaluatedKey } = await this.documents.send(
          new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start, Limit: limit + 1 - found.length }),
        );
        found.push(...Items.map(orderFromRecord));
        // DynamoDB stops a page at 1 MB too: keep reading until limit + 1 orders or the end.
        start = LastEvaluatedKey;
      } while (start !== undefined && found.length <= limit);
    } catch (error) {
      throw storeError(error);
    }
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, next: found.length > limit && last ? encodeKeyset(list, last) : null };
  }
}
