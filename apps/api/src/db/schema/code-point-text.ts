import { customType } from "drizzle-orm/pg-core";

/**
 * `text COLLATE "C"`: compared and sorted by code point, byte by byte, whatever the database's
 * own collation. For Korean names that is 가나다 order, and it lets a name's start be searched
 * as a plain range of a plain index (docs/decisions/0004-customer-search.md).
 */
export const codePointText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});
