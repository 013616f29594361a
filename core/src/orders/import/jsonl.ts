import { MAX_BODY_BYTES } from "../../http/body.js";
import type { ImportItem } from "./items.js";
import { linesOf } from "./lines.js";

/** `*.jsonl`: each non-blank line is one `POST /orders` body, handed over as the bytes it is. */
export async function* jsonlItems(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<ImportItem> {
  for await (const line of linesOf(chunks, MAX_BODY_BYTES)) {
    const id = `line:${line.number}`;
    if (line.tooLong) {
      yield { line: line.number, id, errors: [{ path: "", message: `the line is longer than ${MAX_BODY_BYTES} bytes, the API's body limit` }] };
    } else if (line.bytes.toString("utf8").trim() !== "") {
      yield { line: line.number, id, body: line.bytes };
    }
  }
}
