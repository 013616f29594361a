/** Ajv's standalone validators for core/src/orders/schema.ts (see core/scripts/compile-validators.mjs). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: { missingProperty?: string; additionalProperty?: string };
}

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export const validateNewOrderSchema: SchemaValidator;
export const validateStatusChangeSchema: SchemaValidator;
export const validateListQuerySchema: SchemaValidator;
export const validateOrderIdParamsSchema: SchemaValidator;
export const validateCreateHeadersSchema: SchemaValidator;
export const validateIfMatchHeadersSchema: SchemaValidator;
