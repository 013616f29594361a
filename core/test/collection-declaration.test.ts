import { describe, expect, it } from "vitest";
import {
  AppDeclarationError,
  changes,
  collection,
  CollectionDeclarationError,
  collectionLocation,
  collectionVariable,
  ConfigError,
  defineApp,
  http,
  schedule,
} from "../src/index.js";

interface Loan {
  member: string;
  id: string;
  bookId?: string;
  due?: string;
  expiresAt?: string;
}

const loans = collection<Loan>("loans", { key: ["member", "id"], indexes: { "by-book": ["bookId", "due"] }, expiresAt: "expiresAt" });

describe("collection()", () => {
  it("declares the key, the indexes and the expiry by role", () => {
    expect(loans).toEqual({
      kind: "collection",
      name: "loans",
      key: { partition: "member", sort: "id" },
      indexes: { "by-book": { partition: "bookId", sort: "due" } },
      expiresAt: "expiresAt",
    });
    expect(collection<{ id: string }>("profiles", { key: ["id"] }).key).toEqual({ partition: "id" });
  });

  it.each([
    ["a name every store accepts", () => collection<Loan>("Loans", { key: ["member"] }), /3-42 characters of a-z/],
    ["a name of at least 3 characters", () => collection<Loan>("lo", { key: ["member"] }), /3-42/],
    ["a name not reserved", () => collection<Loan>("leases", { key: ["member"] }), /reserved/],
    ["one or two key fields", () => collection<Loan>("loans", { key: [] as never }), /partition field/],
    ["two different key fields", () => collection<Loan>("loans", { key: ["id", "id"] }), /twice/],
    ["index names every store accepts", () => collection<Loan>("loans", { key: ["member"], indexes: { byBook: ["bookId"] } }), /index "byBook"/],
    ["field names", () => collection<Loan>("loans", { key: ["member", "a.b" as never] }), /a field is/],
    ["an expiry that is not a key field", () => collection<Loan>("loans", { key: ["member", "expiresAt"], expiresAt: "expiresAt" }), /cannot be a key field/],
  ])("refuses what is not %s", (_rule, declare, message) => {
    expect(declare).toThrow(CollectionDeclarationError);
    expect(declare).toThrow(message);
  });

  it("lives where SKYPORT_COLLECTION_<NAME> says, else under its name", () => {
    const auditLog = collection<{ id: string }>("audit-log", { key: ["id"] });
    expect(collectionVariable("audit-log")).toBe("SKYPORT_COLLECTION_AUDIT_LOG");
    expect(collectionLocation({}, auditLog)).toBe("audit-log");
    expect(collectionLocation({ SKYPORT_COLLECTION_AUDIT_LOG: "prod-audit" }, auditLog)).toBe("prod-audit");
    expect(() => collectionLocation({ SKYPORT_COLLECTION_AUDIT_LOG: "no spaces" }, auditLog)).toThrow(ConfigError);
  });
});

describe("defineApp with collections", () => {
  const desk = () => [{ path: "/loans", methods: {} }];

  it("keeps the declared collections by name, and what each function uses", () => {
    const app = defineApp({
      name: "lending",
      collections: { loans },
      functions: {
        desk: http(desk, { collections: [loans] }),
        audit: changes(loans, () => async () => {}),
        sweep: schedule("every 1 hour", () => async () => {}),
      },
    });
    expect(app.collections).toEqual({ loans });
    expect(app.functions.desk.collections).toEqual(["loans"]);
    expect(app.functions.audit.collections).toEqual(["loans"]);
    expect(app.functions.audit.trigger).toEqual({ kind: "changes", collection: "loans" });
    expect(app.functions.sweep.collections).toEqual([]);
  });

  it("refuses a function that uses a collection the app does not declare", () => {
    const declare = () => defineApp({ name: "lending", functions: { desk: http(desk, { collections: [loans] }) } });
    expect(declare).toThrow(AppDeclarationError);
    expect(declare).toThrow('function desk uses the collection "loans", which app lending does not declare');
    expect(() => defineApp({ name: "lending", functions: { audit: changes(loans, () => async () => {}) } })).toThrow(/does not declare/);
  });

  it("refuses one collection name declared twice", () => {
    const again = collection<Loan>("loans", { key: ["member"] });
    expect(() => defineApp({ name: "lending", collections: { loans, again }, functions: { desk: http(desk) } })).toThrow(
      /declares the collection "loans" twice/,
    );
  });
});
