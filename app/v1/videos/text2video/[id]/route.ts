import { taskItem } from "@/lib/api/routes";

/** One text2video task, by task_id or external_task_id. */
export const GET = taskItem("text2video");
