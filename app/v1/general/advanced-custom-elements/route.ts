import { elementCollection } from "@/lib/api/routes";

/** Kling's element creation and list endpoints. */
const routes = elementCollection();
export const POST = routes.POST;
export const GET = routes.GET;
