import { taskItem } from "@/lib/api/routes";

/** One video-extend task, by task_id or external_task_id. */
export const GET = taskItem("video-extend");
