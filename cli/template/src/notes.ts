import { collection } from "@skyport/core";

export interface Note {
  id: string;
  owner: string;
  text: string;
  createdAt: string;
  /** ISO 8601 with an offset: past it the note is gone on every store. */
  expiresAt?: string;
}

/**
 * The app's one collection: a note by its id, an owner's notes by creation time (the by-owner
 * index), and an optional expiry. Each store and each deploy template follows this declaration.
 */
export const notes = /* @__PURE__ */ collection<Note>("notes", {
  key: ["id"],
  indexes: { "by-owner": ["owner", "createdAt"] },
  expiresAt: "expiresAt",
});
