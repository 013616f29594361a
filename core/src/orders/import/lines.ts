const NEWLINE = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** One line of a file: its bytes without the line break, or `tooLong` when it exceeded the limit (its bytes are not kept). */
export interface Line {
  number: number;
  bytes: Buffer;
  tooLong: boolean;
}

/**
 * The lines of a byte stream, 1-based, split on LF (a CR before it dropped, a UTF-8 BOM at the
 * start dropped). A line longer than `maxLineBytes` is reported, not buffered: memory stays
 * bounded by the limit whatever the file holds.
 */
export async function* linesOf(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let number = 1;
  const finish = (): Line => {
    let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
    if (number === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    if (bytes.at(-1) === CR) bytes = bytes.subarray(0, -1);
    const line = { number, bytes: tooLong ? Buffer.alloc(0) : bytes, tooLong };
    parts = [];
    length = 0;
    tooLong = false;
    number += 1;
    return line;
  };
  const keep = (piece: Buffer) => {
    if (tooLong || piece.byteLength === 0) return;
    // One more byte for a CR that the line break may follow.
    if (length + piece.byteLength > maxLineBytes + 1) {
      tooLong = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.byteLength;
  };
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE, start); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      keep(buffer.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    keep(buffer.subarray(start));
  }
  if (length > 0 || tooLong) yield finish();
}
