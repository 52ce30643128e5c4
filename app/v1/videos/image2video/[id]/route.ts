import { taskItem } from "@/lib/api/routes";

/** One image2video task, by task_id or external_task_id. */
export const GET = taskItem("image2video");
