import { elementItem } from "@/lib/api/routes";

/** One element (its creation task), by task_id = element_id. */
export const GET = elementItem();
