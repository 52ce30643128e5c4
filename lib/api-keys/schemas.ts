import { z } from "zod";
import { line } from "../validation/text";

export const createApiKeySchema = z.strictObject({
  name: line("Name the key, e.g. after the script that uses it.").trim().min(1, "Name the key, e.g. after the script that uses it.").max(60, "A key name is at most 60 characters."),
});
