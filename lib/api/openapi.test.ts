import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("the OpenAPI document", () => {
  it("documents batches: create, list and follow, with the request schema generated from the zod schema", () => {
    const doc = openApiDocument("https://reelsmith.example") as unknown as {
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, { properties?: Record<string, { maxItems?: number }> }> };
    };
    expect(doc.paths["/v1/batches"]?.post?.operationId).toBe("create_batch");
    expect(doc.paths["/v1/batches"]?.get?.operationId).toBe("list_batches");
    expect(doc.paths["/v1/batches/{id}"]?.get?.operationId).toBe("get_batch");
    expect(doc.components.schemas.BatchRequest?.properties?.requests?.maxItems).toBe(100);
    expect(JSON.parse(JSON.stringify(doc))).toBeTruthy();
  });
});
