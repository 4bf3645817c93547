import { z } from "zod";

export const ZLoginRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail")),
  password: z.string().min(1, "Enter your password").max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZTotpCodeRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code"),
});

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword: z.string().max(200),
});

export const ZDisableTotpRequest = z.object({ password: z.string().min(1, "Enter your password").max(200) });
