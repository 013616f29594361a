/**
 * A GSI's sort attribute: the index's sort value, then the primary key's values, in one string whose
 * UTF-8 byte order is the order (sort value, then primary key) that the port promises; DynamoDB
 * itself leaves items with equal GSI sort values in no particular order.
 *
 * Each value is escaped (U+0000 -> U+0000 U+0002) and the values are joined by TERMINATOR
 * (U+0000 U+0001), which sorts below anything an escaped value can continue with: a value that is a
 * prefix of another sorts first, as in code point order. The result keeps its first
 * MAX_CODE_POINTS code points (at most 1024 bytes, the sort key limit); cutting by code points keeps
 * the order monotone, so longer keys only tie, and the query orders a tie itself.
 */
export const TERMINATOR = "\u0000\u0001";
const ESCAPED_NUL = "\u0000\u0002";
/** 4 bytes of UTF-8 at most each: 1024 bytes, DynamoDB's sort key limit. */
export const MAX_CODE_POINTS = 256;

/** A value in the escaped form: order-preserving, and a prefix of another value's form only if it is a prefix of that value. */
export const escapeValue = (value: string): string => value.replaceAll("\u0000", ESCAPED_NUL);

/** The first MAX_CODE_POINTS code points: monotone (a <= b gives cut(a) <= cut(b)), unlike a cut by bytes. */
export function cut(text: string): string {
  let end = 0;
  let count = 0;
  for (const char of text) {
    if (count === MAX_CODE_POINTS) return text.slice(0, end);
    end += char.length;
    count += 1;
  }
  return text;
}

/** Whether a stored sort attribute may have been cut, so that other items can share it. */
export const mayBeCut = (stored: string): boolean => [...stored].length >= MAX_CODE_POINTS;

/** The stored sort attribute of an item: its index sort value (if the index has one), then its primary key values. */
export function indexSortKey(sortValue: string | undefined, primaryKey: readonly string[]): string {
  return cut([...(sortValue === undefined ? [] : [sortValue]), ...primaryKey].map(escapeValue).join(TERMINATOR));
}

/** Every index sort key whose sort value is `value`, or greater, is at or above this bound. */
export const lowerBoundOf = (value: string): string => cut(escapeValue(value));

/** Every index sort key whose sort value is at most `value` is at or below this bound (the next value's form starts higher). */
export const upperBoundOf = (value: string): string => cut(escapeValue(value) + ESCAPED_NUL);
