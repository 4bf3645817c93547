import { z } from "zod";

export const ZLoginRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail")),
  password: z.string().min(1, "Enter your password").max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;
