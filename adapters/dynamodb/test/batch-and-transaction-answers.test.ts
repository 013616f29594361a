import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { BatchWriteCommandInput, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { collection, DocumentExists, StoreUnavailable, VersionConflict } from "@skyport/core";
import { describe, expect, it } from "vitest";
import { BATCH_SIZE, putMany, UNPROCESSED_RETRIES } from "../src/documents/batch-write.js";
import { transact } from "../src/documents/transaction.js";

const loans = collection<{ member: string; id: string }>("loans", { key: ["member", "id"] });

/** A client whose answers the test gives, recording each request: DynamoDB Local never throttles a batch or conflicts a transaction. */
function clientAnswering(answer: (input: Record<string, unknown>, call: number) => unknown) {
  const inputs: Record<string, unknown>[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }) => {
      inputs.push(command.input);
      return answer(command.input, inputs.length);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, inputs };
}

const putItems = (input: Record<string, unknown>) => (input as BatchWriteCommandInput).RequestItems!.loans!.map((request) => request.PutRequest!.Item!);

describe("putMany's batches", () => {
  it("holds 25 puts each, retries what DynamoDB left unprocessed, and answers StoreUnavailable for what it still leaves", async () => {
    const values = Array.from({ length: 30 }, (_, i) => ({ member: "m", id: `d-${i}` }));
    // d-0 is throttled once, d-1 every time.
    const { client, inputs } = clientAnswering((input, call) => {
      const unprocessed = putItems(input).filter((item) => item.id === "d-1" || (item.id === "d-0" && call <= 2));
      return { UnprocessedItems: unprocessed.length === 0 ? {} : { loans: unprocessed.map((Item) => ({ PutRequest: { Item } })) } };
    });
    const outcomes = await putMany(client, "loans", loans, values);
    expect(putItems(inputs[0]!)).toHaveLength(BATCH_SIZE);
    expect(inputs).toHaveLength(2 + UNPROCESSED_RETRIES);
    expect(outcomes[0]).toEqual({ version: expect.any(String) });
    expect((outcomes[1] as { error: Error }).error).toBeInstanceOf(StoreUnavailable);
    for (const outcome of outcomes.slice(2)) expect(outcome).toEqual({ version: expect.any(String) });
  });

  it("never puts one key twice in a batch: a repeated key waits for the batches before it", async () => {
    const { client, inputs } = clientAnswering(() => ({}));
    await putMany(client, "loans", loans, [
      { member: "m", id: "a" },
      { member: "m", id: "b" },
      { member: "m", id: "a" },
    ]);
    expect(inputs.map((input) => putItems(input).map((item) => item.id))).toEqual([["a", "b"], ["a"]]);
  });

  it("answers StoreUnavailable for every value of a batch whose call could not reach DynamoDB", async () => {
    const { client } = clientAnswering(() => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    const outcomes = await putMany(client, "loans", loans, [{ member: "m", id: "a" }]);
    expect((outcomes[0] as { error: Error }).error).toBeInstanceOf(StoreUnavailable);
  });
});

describe("a cancelled transaction", () => {
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({ message: "cancelled", $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
  const operations = [{ put: { member: "m", id: "a" } }, { create: { member: "m", id: "b" } }, { check: { member: "m", id: "c" }, ifVersion: "v" }];

  it("names the first operation whose condition failed, as DocumentExists for a create and VersionConflict for the others", async () => {
    const created = await transact(
      clientAnswering(() => Promise.reject(cancelled("None", "ConditionalCheckFailed", "ConditionalCheckFailed"))).client,
      "loans",
      loans,
      operations,
    ).catch((error: unknown) => error);
    expect(created).toBeInstanceOf(DocumentExists);
    expect(created).toMatchObject({ operation: 1, key: { member: "m", id: "b" } });
    const checked = await transact(
      clientAnswering(() => Promise.reject(cancelled("None", "None", "ConditionalCheckFailed"))).client,
      "loans",
      loans,
      operations,
    ).catch((error: unknown) => error);
    expect(checked).toBeInstanceOf(VersionConflict);
    expect(checked).toMatchObject({ operation: 2 });
  });

  it("is StoreUnavailable when it met another transaction or throttling: nothing was written", async () => {
    for (const code of ["TransactionConflict", "ThrottlingError"]) {
      const failed = await transact(clientAnswering(() => Promise.reject(cancelled("None", code, "None"))).client, "loans", loans, operations).catch(
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(StoreUnavailable);
    }
  });
});
