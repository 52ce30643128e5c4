import { z } from "zod";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Name the key, e.g. after the script that uses it.").max(60, "A key name is at most 60 characters."),
});
