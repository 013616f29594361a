export { importOrders, importKey, ImportIncomplete } from "./import-orders.js";
export { readImportSettings, DEFAULT_IMPORT_MAX_BYTES, type ImportSettings } from "./settings.js";
export { reportNameOf, type ImportReport, type RejectedOrder } from "./report.js";
export { CSV_HEADER } from "./csv-orders.js";
