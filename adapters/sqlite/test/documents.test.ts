import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { documentsContract } from "@skyport/core/testing";
import { openSqliteDocuments } from "../src/index.js";
import { temporaryDirectory } from "./temporary-directory.js";

const dir = temporaryDirectory();
// A regular file where a directory should be: SQLite cannot open a file under it (SQLITE_CANTOPEN).
const notADirectory = join(dir, "not-a-directory");
writeFileSync(notADirectory, "");

// SQLite has no endpoint to lose: its unreachable twin is a file that cannot be opened.
documentsContract(
  "sqlite",
  () => ({ documents: openSqliteDocuments(join(dir, "contract.db")) }),
  () => openSqliteDocuments(join(notADirectory, "documents.db")),
);
