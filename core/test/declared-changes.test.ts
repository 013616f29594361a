import { describe, expect, it } from "vitest";
import { collection, ensuredDocuments, memoryDocuments, withDeclaredChanges, type DeclaredCollections, type Documents } from "../src/index.js";

const loans = collection<{ member: string; id: string }>("loans", { key: ["member", "id"] });
const books = collection<{ id: string }>("books", { key: ["id"] });

describe("documents whose change feed reads the collections they were given", () => {
  it("learns each declaration from collection() and from ensure(), by name, for the feed to read by", async () => {
    let declared: DeclaredCollections | undefined;
    const documents = withDeclaredChanges(memoryDocuments(), (learned) => {
      declared = learned;
      return { pending: async () => [], acknowledge: async () => {} };
    });
    expect([...declared!.keys()]).toEqual([]);
    await documents.ensure([loans]);
    documents.collection(books);
    expect(declared!.get("loans")).toBe(loans);
    expect(declared!.get("books")).toBe(books);
  });

  it("keeps the documents' own calls: what is written through them is read back", async () => {
    const documents = withDeclaredChanges(memoryDocuments(), () => ({ pending: async () => [], acknowledge: async () => {} }));
    await documents.collection(loans).create({ member: "ada", id: "loan-1" });
    expect((await documents.collection(loans).get({ member: "ada", id: "loan-1" }))?.value).toEqual({ member: "ada", id: "loan-1" });
  });
});

describe("ensuredDocuments", () => {
  it("closes the documents when ensure fails, and fails with its error", async () => {
    let closed = false;
    const refusing: Documents = {
      ...memoryDocuments(),
      ensure: async () => {
        throw new Error("no such table");
      },
      close: async () => {
        closed = true;
      },
    };
    await expect(ensuredDocuments(refusing, [loans])).rejects.toThrow("no such table");
    expect(closed).toBe(true);
  });
});
