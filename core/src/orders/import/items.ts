import type { FieldError } from "../../http/problem.js";

/**
 * One order a file asks for: where it starts, what names it within the file (its line, or its
 * `orderRef`), and either the `POST /orders` body to create or what is wrong with it.
 */
export type ImportItem = {
  line: number;
  orderRef?: string;
  /** Unique within the file: `line:<n>` or `ref:<orderRef>`; part of the idempotency key. */
  id: string;
} & ({ body: Uint8Array; errors?: undefined } | { body?: undefined; errors: FieldError[] });

/** A whole-file refusal found while reading (a wrong CSV header): nothing of the file is imported. */
export class FileRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "FileRejected";
  }
}
