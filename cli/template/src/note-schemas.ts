// A namespace import, not `{ Type }`: esbuild then keeps only the builders used (about 8 KB, not TypeBox's 77 KB).
import * as Type from "typebox";

// The api's inputs and answers, as JSON Schema (TypeBox): `skyport build` compiles each into the
// bundles ahead of time, requests are checked against them before a handler runs, and the
// handlers' arguments are typed from them. `x-error-message` words a rule's 400.

const OWNER = "^[A-Za-z0-9._-]{1,64}$";
const DATE_TIME = "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$";

/** GET /hello's query. */
export const Greeting = Type.Object({
  name: Type.Optional(Type.String({ pattern: "^[\\p{L} .'-]{1,64}$", "x-error-message": "must be 1-64 letters, spaces, dots, apostrophes or hyphens" })),
});

/** What a client sends to create or replace a note. */
export const NoteFields = Type.Object(
  {
    owner: Type.String({ pattern: OWNER, "x-error-message": "must be 1-64 of A-Z a-z 0-9 . _ -" }),
    text: Type.String({ minLength: 1, maxLength: 1000, "x-error-message": "must be 1-1000 characters" }),
    expiresAt: Type.Optional(Type.String({ pattern: DATE_TIME, "x-error-message": "must be an ISO 8601 date-time with an offset" })),
  },
  { additionalProperties: false },
);

/** A note as the api answers it: `Note` in its /openapi.json and typed client (an answer's schema is not compiled). */
export const NoteAnswer = Type.Object(
  {
    id: Type.String(),
    owner: Type.String(),
    text: Type.String(),
    createdAt: Type.String(),
    expiresAt: Type.Optional(Type.String()),
  },
  { $id: "Note" },
);

/** /notes/{id}'s path parameter. */
export const NoteId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/** GET /notes's query: whose notes, and where the last page ended. */
export const NotesQuery = Type.Object({
  owner: Type.String({ pattern: OWNER, "x-error-message": "is required: 1-64 of A-Z a-z 0-9 . _ -" }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
});
