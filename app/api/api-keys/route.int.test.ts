import { describe, expect, it } from "vitest";
import { activeKeyByAccessKey, MAX_ACTIVE_KEYS } from "@/lib/api-keys/keys";
import { db } from "@/lib/db/client";
import { authedRequest } from "@/tests/support/session";
import { createTestUser } from "@/tests/support/users";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

type Created = { key: { id: string; name: string; accessKeyPrefix: string; revokedAt: string | null }; accessKey: string; secretKey: string };

const post = async (userId: string | null, body: unknown) => {
  const response = await POST(await authedRequest("/api/api-keys", userId, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
  return { status: response.status, body: (await response.json()) as Created & { error?: { message: string } } };
};
const list = async (userId: string) => (await (await GET(await authedRequest("/api/api-keys", userId))).json()) as { keys: Record<string, unknown>[] };
const revoke = async (userId: string, id: string) => DELETE(await authedRequest(`/api/api-keys/${id}`, userId, { method: "DELETE" }), { params: Promise.resolve({ id }) });

describe("/api/api-keys", () => {
  it("creates a key whose secret is shown once and stored only encrypted", async () => {
    const user = await createTestUser();
    const { status, body } = await post(user.id, { name: "  nightly batch " });
    expect(status).toBe(201);
    expect(body.key).toMatchObject({ name: "nightly batch", accessKeyPrefix: body.accessKey.slice(0, 10), revokedAt: null });
    expect(body.accessKey).toMatch(/^ak_[\w-]{24}$/);
    expect(body.secretKey).toMatch(/^sk_[\w-]{43}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: body.key.id } });
    expect(JSON.stringify(row)).not.toContain(body.secretKey);
    expect((await activeKeyByAccessKey(body.accessKey))!.secret).toBe(body.secretKey);
    const listed = await list(user.id);
    expect(listed.keys).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(body.secretKey);
    expect(JSON.stringify(listed)).not.toContain(body.accessKey);
  });

  it("needs a session and a name, and caps the active keys", async () => {
    expect((await post(null, { name: "x" })).status).toBe(401);
    const user = await createTestUser();
    expect(await post(user.id, { name: " " })).toMatchObject({ status: 422, body: { error: { message: expect.stringMatching(/Name the key/) } } });
    const created = await Promise.all(Array.from({ length: MAX_ACTIVE_KEYS + 2 }, (_, i) => post(user.id, { name: `k${i}` })));
    expect(created.filter((c) => c.status === 201)).toHaveLength(MAX_ACTIVE_KEYS);
    expect(created.filter((c) => c.status === 409)[0]!.body.error!.message).toMatch(/already have 10 active API keys/);
    // A revoked key frees a place.
    await revoke(user.id, created.find((c) => c.status === 201)!.body.key.id);
    expect((await post(user.id, { name: "again" })).status).toBe(201);
  });

  it("revokes only the owner's key; a revoked key no longer authenticates", async () => {
    const [owner, other] = [await createTestUser(), await createTestUser()];
    const { body } = await post(owner.id, { name: "ci" });
    expect((await revoke(other.id, body.key.id)).status).toBe(404);
    expect(await activeKeyByAccessKey(body.accessKey)).not.toBeNull();
    const response = await revoke(owner.id, body.key.id);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Created).key.revokedAt).not.toBeNull();
    expect(await activeKeyByAccessKey(body.accessKey)).toBeNull();
    expect((await list(owner.id)).keys[0]).toMatchObject({ revokedAt: expect.any(String) });
  });
});
