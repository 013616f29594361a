// Run as its own process (bundled by documents-processes.test.ts): creates keys the test process is creating
// on the same file at the same time (in another order), printing "won <id>" or "lost <id> <error name>" for each.
import { collection } from "@skyport/core";
import { openSqliteDocuments } from "../src/index.js";

const [path, partition, count] = process.argv.slice(2) as [string, string, string];
const documents = openSqliteDocuments(path);
const raced = documents.collection(collection<{ member: string; id: string; by: string }>("raced", { key: ["member", "id"] }));
await raced.get({ member: partition, id: "none" });
// Opened: the test process starts its own creates when it reads this line.
process.stdout.write("ready\n");
for (let i = 0; i < Number(count); i++) {
  // Another order than the test process's ascending one (7 is prime to the count used), so that each process reaches keys first.
  const id = `k-${(i * 7) % Number(count)}`;
  try {
    await raced.create({ member: partition, id, by: "child" });
    process.stdout.write(`won ${id}\n`);
  } catch (error) {
    process.stdout.write(`lost ${id} ${(error as Error).name}\n`);
  }
}
await documents.close();
