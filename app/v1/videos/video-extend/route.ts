import { extendCollection } from "@/lib/api/routes";

/** Kling's create (video-extend) and list endpoints. */
const routes = extendCollection();
export const POST = routes.POST;
export const GET = routes.GET;
