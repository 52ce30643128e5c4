import { readFileSync } from "node:fs";
import { z } from "zod";
import defaults from "./content-policy.default.json";

/**
 * The content policy every prompt passes before anything is charged: an operator-editable list
 * (CONTENT_POLICY_FILE, JSON) of blocked terms and patterns, grouped by named policy.
 */

const policyFileSchema = z.object({
  policies: z.array(
    z.strictObject({
      id: z.string().min(1),
      name: z.string().min(1),
      terms: z.array(z.string().min(1)),
      patterns: z.array(z.string().min(1)),
    }),
  ),
});

type CompiledPolicy = { id: string; name: string; matchers: RegExp[] };

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");

export function compilePolicies(raw: unknown, source: string): CompiledPolicy[] {
  const parsed = policyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid content policy in ${source}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data.policies.map((p) => ({
    id: p.id,
    name: p.name,
    matchers: [
      ...p.terms.map((t) => new RegExp(`\\b${escape(t)}\\b`, "iu")),
      ...p.patterns.map((pattern) => {
        try {
          return new RegExp(pattern, "iu");
        } catch (error) {
          throw new Error(`Invalid content policy in ${source}: pattern ${JSON.stringify(pattern)} of ${p.id}: ${(error as Error).message}`);
        }
      }),
    ],
  }));
}

let cached: CompiledPolicy[] | undefined;

function policies(): CompiledPolicy[] {
  if (!cached) {
    const file = process.env.CONTENT_POLICY_FILE;
    cached = file ? compilePolicies(JSON.parse(readFileSync(file, "utf8")), file) : compilePolicies(defaults, "content-policy.default.json");
  }
  return cached;
}

export class ContentPolicyError extends Error {
  constructor(
    readonly policyId: string,
    policyName: string,
    field: string,
  ) {
    super(`Your ${field} was blocked by the content policy "${policyName}". Rephrase it and try again.`);
  }
}

// Characters that render as nothing (zero-width space/joiners, soft hyphen, word joiner, BOM, bidi
// controls, variation selectors, tag characters): inside a word they hide it from a matcher.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/**
 * The text as the policy reads it: invisible characters removed, then NFKC, so fullwidth letters,
 * ligatures and other compatibility forms read as the plain letters they show. Only for matching:
 * the prompt is stored as written.
 */
export function policyReading(text: string): string {
  return text.replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "");
}

/** Throws ContentPolicyError naming the first policy a text breaks. */
export function checkContentPolicy(texts: { field: string; text: string }[], compiled: CompiledPolicy[] = policies()): void {
  for (const { field, text } of texts) {
    if (!text) continue;
    const reading = policyReading(text);
    const broken = compiled.find((p) => p.matchers.some((m) => m.test(reading)));
    if (broken) throw new ContentPolicyError(broken.id, broken.name, field);
  }
}
