import { ROLES } from "@ssp/domain";
import { z } from "zod";
import { ZName } from "../shared/zod-fields.js";

const ZPassword = z.string().min(10, "At least 10 characters").max(200);

export const ZUserCreateRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail").max(200)),
  name: ZName,
  role: z.enum(ROLES),
  password: ZPassword,
  /** Only the platform operator names the partner; an owner's users join the owner's partner. */
  partnerId: z.number().int().positive().nullable().optional(),
});
export const ZUserUpdateRequest = z.object({
  name: ZName,
  role: z.enum(ROLES),
  active: z.boolean(),
  password: z.union([ZPassword, z.literal(""), z.null()]).optional(),
  /** The owner clears a user's second factor (a lost phone); they enrol again at next sign-in. */
  resetTwoFactor: z.boolean().optional(),
});
export type TUserCreateRequest = z.infer<typeof ZUserCreateRequest>;
export type TUserUpdateRequest = z.infer<typeof ZUserUpdateRequest>;

export const ZUserFilter = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
});
