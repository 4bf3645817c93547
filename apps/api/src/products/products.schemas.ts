import { z } from "zod";
import { ZName } from "../shared/zod-fields.js";

export const ZProductInput = z.object({
  name: ZName,
  model: z.string().trim().min(1, "Required").max(50),
  category: z.string().trim().min(1, "Required").max(30),
});
export type TProductInput = z.infer<typeof ZProductInput>;

export const ZProductFilter = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(30).optional(),
});
