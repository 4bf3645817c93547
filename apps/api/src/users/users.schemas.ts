import { normalizeRegion, REGION_PATTERN, ROLES } from "@ssp/domain";
import { z } from "zod";
import { ZName } from "../shared/zod-fields.js";

const ZPassword = z.string().min(10, "At least 10 characters").max(200);

/** A technician's service regions: "서울 강남구", "경기 성남시 분당구" (시/도, then 시/군/구). */
const ZServiceRegions = z
  .array(
    z
      .string()
      .transform(normalizeRegion)
      .pipe(z.string().regex(REGION_PATTERN, "A region is a 시/도 and 시/군/구 in Korean, e.g. 서울 강남구")),
  )
  .max(20);

export const ZUserCreateRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail").max(200)),
  name: ZName,
  role: z.enum(ROLES),
  password: ZPassword,
  /** Only the platform operator names the partner; an owner's users join the owner's partner. */
  partnerId: z.number().int().positive().nullable().optional(),
  serviceRegions: ZServiceRegions.optional(),
});
export const ZUserUpdateRequest = z.object({
  name: ZName,
  role: z.enum(ROLES),
  active: z.boolean(),
  /** Absent: the regions stay as they are. */
  serviceRegions: ZServiceRegions.optional(),
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
