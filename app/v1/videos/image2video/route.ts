import { taskCollection } from "@/lib/api/routes";

/** Kling's create (image2video) and list endpoints. */
const routes = taskCollection("image2video");
export const POST = routes.POST;
export const GET = routes.GET;
