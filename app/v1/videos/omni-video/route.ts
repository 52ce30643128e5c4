import { omniCollection } from "@/lib/api/routes";

/** Kling's create (omni-video: elements and reference images) and list endpoints. */
const routes = omniCollection();
export const POST = routes.POST;
export const GET = routes.GET;
