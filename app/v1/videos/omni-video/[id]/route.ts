import { taskItem } from "@/lib/api/routes";

/** One omni-video task, by task_id or external_task_id. */
export const GET = taskItem("omni-video");
