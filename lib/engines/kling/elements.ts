import "server-only";
import { createHash } from "node:crypto";
import { db } from "../../db/client";
import { isUniqueViolation } from "../../db/sql";
import { EngineError, type EngineReference } from "../types";
import type { KlingCredentials } from "./auth";
import type { KlingElementTask } from "./client";
import { klingImage } from "./image";

/**
 * Elements on Kling (shared/reference/kling-api.md §1.10a): each of our elements is created once
 * per Kling account, the first time a job needs it, and its element_id reused by every later job.
 * One job at a time creates a given element: it claims a KlingElement row (inserted, or taken
 * over once a crashed creator's claim ran out) and records Kling's task id at once, so a takeover
 * polls that task instead of creating the element again; the other jobs wait for the id.
 */

type ElementReference = Extract<EngineReference, { kind: "element" }>;

/** The requests element creation needs, already retried through rate limits and outages by the engine. */
export type ElementCalls = {
  create(body: Record<string, unknown>): Promise<KlingElementTask>;
  query(taskId: string): Promise<KlingElementTask>;
  /** Waits a poll interval before looking again; throws (a transient EngineError) past the attempt's deadline. */
  pause(): Promise<void>;
  signal: AbortSignal;
};

/** How long a claim holds without news from its job; the creator renews it at every poll. */
const CLAIM_MS = 2 * 60_000;

/** Kling's tag ids: o_101 is "trending", which Kling assigns itself. */
const TAG_IDS: Record<string, string> = { character: "o_102", animal: "o_103", prop: "o_104", outfit: "o_105", scene: "o_106", effect: "o_107", other: "o_108" };

/** Which Kling account ids belong to: an element id is only good on the account that created it. */
export function klingAccount(baseUrl: string, credentials: KlingCredentials): string {
  const key = "apiKey" in credentials ? `api:${credentials.apiKey}` : `ak:${credentials.accessKey}`;
  return createHash("sha256").update(`${baseUrl}\n${key}`).digest("hex").slice(0, 32);
}

async function elementBody(element: ElementReference, signal: AbortSignal): Promise<Record<string, unknown>> {
  const [frontal, ...references] = await Promise.all([element.frontalImagePath, ...element.imagePaths].map((file) => klingImage(file, signal)));
  return {
    element_name: element.name,
    element_description: element.description || element.name,
    reference_type: "image_refer",
    element_image_list: { frontal_image: frontal, refer_images: references.map((image_url) => ({ image_url })) },
    tag_list: [{ tag_id: TAG_IDS[element.tag] ?? TAG_IDS.other }],
  };
}

type Claim = { taskId: string | null } | null;

/**
 * This job's claim on creating the element, its id when it exists, or null while another job
 * holds the claim. A creation Kling refused after this job began waiting fails this job too
 * (with Kling's reason, so one refusal is not repeated by every waiting job); one refused before
 * is tried again.
 */
async function claim(element: ElementReference, account: string, waitingSince: Date): Promise<Claim | { elementId: string }> {
  const elementId = element.id;
  const row = await db().klingElement.findUnique({ where: { elementId_account: { elementId, account } } });
  if (row?.klingElementId) return { elementId: row.klingElementId };
  const claimedUntil = new Date(Date.now() + CLAIM_MS);
  if (!row) {
    try {
      await db().klingElement.create({ data: { elementId, account, claimedUntil } });
      return { taskId: null };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  if (row.failedAt && row.failedAt >= waitingSince) throw refused(element, row.error);
  if (!row.failedAt && row.claimedUntil.getTime() > Date.now()) return null;
  // Taken over (a crashed creator's claim, or a refused creation to try again) only if nobody
  // else took it first: the old claim time is the version.
  const { count } = await db().klingElement.updateMany({
    where: { elementId, account, claimedUntil: row.claimedUntil, klingElementId: null },
    data: { claimedUntil, failedAt: null, error: null, ...(row.failedAt ? { taskId: null } : {}) },
  });
  return count === 1 ? { taskId: row.failedAt ? null : row.taskId } : null;
}

const refused = (element: ElementReference, reason: string | null) =>
  new EngineError(`Kling could not create the element ${element.name}: ${reason || "it gave no reason"}.`, false);

async function create(element: ElementReference, account: string, taskId: string | null, calls: ElementCalls): Promise<string> {
  const where = { elementId_account: { elementId: element.id, account } };
  let task = taskId ? await calls.query(taskId) : await calls.create(await elementBody(element, calls.signal));
  if (!taskId) await db().klingElement.update({ where, data: { taskId: task.task_id } });
  for (;;) {
    if (task.task_status === "succeed") {
      const id = task.task_result?.elements?.[0]?.element_id;
      if (!id) throw new EngineError(`Kling reported the element ${element.name} created but sent no element id.`, true);
      await db().klingElement.update({ where, data: { klingElementId: id } });
      return id;
    }
    if (task.task_status === "failed") {
      const reason = task.task_status_msg || null;
      await db().klingElement.update({ where, data: { failedAt: new Date(), error: reason } });
      throw refused(element, reason);
    }
    await db().klingElement.update({ where, data: { claimedUntil: new Date(Date.now() + CLAIM_MS) } });
    await calls.pause();
    task = await calls.query(task.task_id);
  }
}

/** Kling's element_id of each element reference, in order, creating those the account does not have yet. */
export async function klingElementIds(references: readonly EngineReference[], account: string, calls: ElementCalls): Promise<string[]> {
  const ids: string[] = [];
  const waitingSince = new Date();
  for (const reference of references) {
    if (reference.kind !== "element") continue;
    for (;;) {
      const claimed = await claim(reference, account, waitingSince);
      if (claimed && "elementId" in claimed) {
        ids.push(claimed.elementId);
        break;
      }
      if (claimed) {
        ids.push(await create(reference, account, claimed.taskId, calls));
        break;
      }
      await calls.pause();
    }
  }
  return ids;
}
