// Reads firestore.indexes.json (the format `firebase deploy` also reads) and prints one tab-separated
// line per thing deploy.sh creates: `index <collection> - <--field-config flags>`, `ttl <collection>
// <field>` and `unindexed <collection> <field>`.
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node firestore-index-flags.mjs firestore.indexes.json");
  process.exit(2);
}
const { indexes = [], fieldOverrides = [] } = JSON.parse(readFileSync(file, "utf8"));

for (const index of indexes) {
  if (index.queryScope !== "COLLECTION") throw new Error(`${index.collectionGroup}: only COLLECTION-scoped indexes are supported`);
  const flags = index.fields.map((field) => `--field-config=field-path=${field.fieldPath},order=${field.order.toLowerCase()}`);
  console.log(["index", index.collectionGroup, "-", flags.join(" ")].join("\t"));
}
for (const override of fieldOverrides) {
  if (override.ttl) console.log(["ttl", override.collectionGroup, override.fieldPath].join("\t"));
  if (Array.isArray(override.indexes) && override.indexes.length === 0) console.log(["unindexed", override.collectionGroup, override.fieldPath].join("\t"));
}
