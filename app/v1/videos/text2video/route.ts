import { taskCollection } from "@/lib/api/routes";

/** Kling's create (text2video) and list endpoints. */
const routes = taskCollection("text2video");
export const POST = routes.POST;
export const GET = routes.GET;
