import { TASK_KINDS, TASK_STATUSES } from "@ssp/domain";
import { z } from "zod";
import { ZIsoDate } from "../shared/zod-fields.js";

const ZId = z.coerce.number().int().positive().max(2_147_483_647);

export const ZTaskFilter = z.object({
  status: z.union([z.enum(TASK_STATUSES), z.array(z.enum(TASK_STATUSES)).max(4)]).optional(),
  kind: z.enum(TASK_KINDS).optional(),
  assigneeId: ZId.optional(),
  contractId: ZId.optional(),
  /** Only the caller's own tasks. */
  mine: z.boolean().optional(),
  dueBy: ZIsoDate.optional(),
});

export const ZTaskAssignRequest = z.object({ assigneeId: z.number().int().positive().max(2_147_483_647) });

export const ZTaskCompleteRequest = z.object({
  outcome: z.string().trim().max(1_000, "At most 1000 characters").optional(),
});

export const ZTaskCancelRequest = z.object({
  reason: z.string().trim().min(2, "Tell us why").max(500, "At most 500 characters"),
});
