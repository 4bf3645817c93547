import { ASSET_STATUSES } from "@ssp/domain";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { likeEscape } from "../shared/zod-fields.js";
import { bookValueOn } from "./asset-sql.js";
import { col } from "./report-columns.js";
import { defineReport } from "./report-definition.js";
import { LABELS, labelOf } from "./report-labels.js";
import { oneLine, partnerIs } from "./report-sql.js";

export const ZDepreciationFilter = z.object({
  q: z.string().trim().max(60).optional(),
  productId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(ASSET_STATUSES, `One of: ${ASSET_STATUSES.join(", ")}`).optional(),
});

/**
 * 감가상각 원장: per asset acquired by the end of the period, its book value at the start of the
 * period (0 when acquired within it), what was acquired and depreciated within it, and its book
 * value at the end — opening + acquired − depreciation = closing, to the won.
 */
export const depreciation = defineReport<z.infer<typeof ZDepreciationFilter>>({
  name: "depreciation",
  title: { ko: "감가상각 원장", en: "Depreciation ledger" },
  periodMeaning: {
    ko: "기초(시작 전날)부터 기말(마지막 날)까지",
    en: "from the day before the start to the last day",
  },
  filters: ZDepreciationFilter,
  columns: [
    col("assetId", "자산ID", "Asset ID", "id"),
    col("serialNumber", "시리얼 번호", "Serial number", "text", 20),
    col("productId", "제품ID", "Product ID", "id"),
    col("productName", "제품명", "Product", "text", 22),
    col("model", "모델", "Model", "text", 12),
    col("status", "현재 상태", "Status now", "text", 10),
    col("acquiredOn", "취득일", "Acquired on", "date"),
    col("acquisitionCost", "취득원가", "Acquisition cost", "won"),
    col("usefulLifeMonths", "내용연수(월)", "Useful life (months)", "count"),
    col("opening", "기초 장부가", "Opening book value", "won"),
    col("acquired", "당기 취득", "Acquired in period", "won"),
    col("depreciation", "당기 상각", "Depreciation in period", "won"),
    col("closing", "기말 장부가", "Closing book value", "won"),
    col("accumulated", "상각누계액", "Accumulated depreciation", "won"),
  ],
  query: ({ partnerId, from, to, filter, lang }) => {
    const before = sql`(${from}::date - 1)`;
    const opening = sql`(case when a.acquired_on <= ${before} then ${bookValueOn("a", before)} else 0 end)`;
    const acquired = sql`(case when a.acquired_on >= ${from}::date then a.acquisition_cost else 0 end)::bigint`;
    const closing = bookValueOn("a", sql`${to}::date`);
    return sql`
      select a.id, a.serial_number, p.id, ${oneLine(sql`p.name`)}, p.model, ${labelOf(sql`a.status`, LABELS.assetStatus, lang)},
             to_char(a.acquired_on, 'YYYY-MM-DD'), a.acquisition_cost, a.useful_life_months,
             ${opening}, ${acquired}, ${opening} + ${acquired} - ${closing}, ${closing}, a.acquisition_cost - ${closing}
      from assets a join products p on p.id = a.product_id
      where ${partnerIs(sql`a.partner_id`, partnerId)} and a.acquired_on <= ${to}::date
        and ${filter.productId ? sql`a.product_id = ${filter.productId}::int` : sql`true`}
        and ${filter.status ? sql`a.status = ${filter.status}::text` : sql`true`}
        and ${filter.q ? sql`a.serial_number ilike ${`%${likeEscape(filter.q)}%`}::text` : sql`true`}
      order by a.id`;
  },
});
