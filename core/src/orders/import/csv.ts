/** One CSV record: the line it starts on (1-based), its fields, or what breaks RFC 4180 in it. */
export interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * An RFC 4180 reader fed text in pieces of any size: quoted fields may hold commas, quotes (doubled)
 * and line breaks; records end at LF or CRLF; blank lines are skipped. A record longer than
 * `maxRecordChars` is reported with an error rather than kept, so memory stays bounded.
 */
export class CsvReader {
  private fields: string[] = [];
  private field = "";
  private quoted = false;
  /** Inside a quoted field, the last character was a quote: the next one decides (a doubled quote, or the end). */
  private quoteSeen = false;
  /** A quoted field has ended; only a comma or the line's end may follow. */
  private closed = false;
  private error: string | undefined;
  private size = 0;
  private line = 1;
  private start = 1;

  constructor(private readonly maxRecordChars: number) {}

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let from = 0;
    const take = (to: number) => {
      if (to > from) this.append(text.slice(from, to));
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === QUOTE) {
          this.append('"');
          from = i + 1;
          continue;
        }
        this.quoted = false;
        this.closed = true;
        from = i;
      }
      if (this.quoted) {
        if (c === QUOTE) {
          take(i);
          this.quoteSeen = true;
          from = i + 1;
        } else if (c === LF) this.line += 1;
        continue;
      }
      if (c === COMMA || c === LF) {
        take(i);
        this.endField();
        if (c === LF) {
          const record = this.endRecord();
          this.line += 1;
          this.start = this.line;
          if (record) records.push(record);
        }
        from = i + 1;
      } else if (c === CR) {
        take(i);
        from = i + 1;
      } else if (c === QUOTE && this.field === "" && !this.closed) {
        this.quoted = true;
        from = i + 1;
      } else if (this.closed || c === QUOTE) {
        this.error ??= this.closed ? "a quoted field must end at a comma or the end of the line" : "a quote may only open a field";
      }
    }
    if (this.quoted && !this.quoteSeen) take(text.length);
    else if (!this.quoted) take(text.length);
    return records;
  }

  /** The last record, if the text did not end with a line break. */
  end(): CsvRecord[] {
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
      this.closed = true;
    }
    if (this.quoted) {
      this.error ??= "a quoted field is not closed";
      this.quoted = false;
    }
    this.endField();
    const record = this.endRecord();
    return record ? [record] : [];
  }

  private append(piece: string) {
    this.size += piece.length;
    if (this.size > this.maxRecordChars) {
      this.error ??= `the record is longer than ${this.maxRecordChars} characters`;
      return;
    }
    this.field += piece;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    this.closed = false;
  }

  private endRecord(): CsvRecord | undefined {
    const { fields, error, start } = this;
    this.fields = [];
    this.error = undefined;
    this.size = 0;
    if (fields.length === 1 && fields[0] === "" && error === undefined) return undefined;
    return error === undefined ? { line: start, fields } : { line: start, fields: [], error };
  }
}
