import type { Metadata } from "next";
import { headers } from "next/headers";
import { DocTable } from "@/components/docs/doc-table";
import { SchemaFields } from "@/components/docs/schema-fields";
import { SiteHeader } from "@/components/marketing/site-header";
import { openApiDocument } from "@/lib/api/openapi";
import { publicBaseUrl } from "@/lib/http/origin";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

type Operation = { summary: string; parameters?: { name: string; in: string; description?: string }[]; requestBody?: { content: { "application/json": { schema: { $ref: string } } } } };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="flex flex-col gap-3 rounded-2xl border border-zinc-800 bg-zinc-900/50 p-5 sm:p-6">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const Code = ({ children }: { children: string }) => <pre className="overflow-x-auto rounded-xl bg-zinc-950 p-4 font-mono text-xs text-zinc-200">{children}</pre>;

/** The public API's reference, rendered on the server from the same OpenAPI document /api/openapi.json serves. */
export default async function ApiReferencePage() {
  const requestHeaders = await headers();
  const base = publicBaseUrl(requestHeaders, new URL("http://localhost:3000"));
  const doc = openApiDocument(base);
  const schemas = doc.components.schemas as Record<string, Record<string, unknown>>;
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader signedIn={Boolean(user)} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-10 sm:px-6">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{doc.info.title}</h1>
          <p className="mt-2 max-w-3xl text-zinc-400">
            Kling&apos;s video API on this server: an existing Kling client works by changing its base URL to <code className="text-zinc-200">{base}</code>. Create a key on the Account page.
            Machine-readable: <a className="text-accent-400 underline" href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
          </p>
        </div>
        <Section id="auth" title="Authentication">
          <p className="text-sm text-zinc-300">
            Send <code>Authorization: Bearer &lt;JWT&gt;</code>: header <code>{'{"alg":"HS256","typ":"JWT"}'}</code>, payload <code>iss</code> = access key, <code>exp</code> (e.g. now + 1800 s), <code>nbf</code> (e.g. now − 5 s), signed
            with the secret key. For quick tests <code>Authorization: Bearer &lt;access key&gt;.&lt;secret key&gt;</code> works too. Clocks may differ by 10 s.
          </p>
          <Code>{`curl -s ${base}/v1/videos/text2video \\
  -H "Authorization: Bearer $ACCESS_KEY.$SECRET_KEY" -H "Content-Type: application/json" \\
  -d '{"prompt":"a paper boat on a rainy street","duration":"5","mode":"std"}'`}</Code>
          <p className="text-sm text-zinc-300">
            A storyboard (2–6 shots in one video, 15 s at most) takes Kling&apos;s <code>multi_shot</code>, <code>shot_type</code> and <code>multi_prompt</code>, on engines that make them (local, kling-v3);{" "}
            <code>duration</code> is any length from <code>&quot;3&quot;</code> to <code>&quot;15&quot;</code> the mode&apos;s engine offers, else the answer is 1201 naming the field.
          </p>
          <Code>{`curl -s ${base}/v1/videos/text2video \\
  -H "Authorization: Bearer $ACCESS_KEY.$SECRET_KEY" -H "Content-Type: application/json" \\
  -d '{"duration":"15","multi_shot":true,"shot_type":"customize","multi_prompt":[{"index":1,"prompt":"a harbour at dawn","duration":"4"},{"index":2,"prompt":"boats leave","duration":"5"},{"index":3,"prompt":"the open sea","duration":"6"}]}'`}</Code>
        </Section>
        {Object.entries(doc.paths).map(([path, methods]) =>
          Object.entries(methods as Record<string, Operation>).map(([method, op]) => {
            const ref = op.requestBody?.content["application/json"].schema.$ref.split("/").pop();
            return (
              <Section key={`${method} ${path}`} id={`${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`} title={`${method.toUpperCase()} ${path}`}>
                <p className="text-sm text-zinc-300">{op.summary}.</p>
                {op.parameters?.length ? (
                  <ul className="text-sm text-zinc-400">
                    {op.parameters.map((p) => (
                      <li key={p.name}>
                        <code className="text-zinc-200">{p.name}</code> ({p.in}){p.description ? `: ${p.description}` : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {ref && <SchemaFields schema={schemas[ref]!} />}
              </Section>
            );
          }),
        )}
        <Section id="task" title="The task object (data of every answer, and the callback body)">
          <SchemaFields schema={schemas.Task!} />
        </Section>
        <Section id="callbacks" title="Callbacks">
          <p className="text-sm text-zinc-300">
            With <code>callback_url</code>, every status change (submitted → processing → succeed | failed) is POSTed there as the task object, in order, retried with exponential backoff until your
            server answers 2xx. Each request carries <code>X-Reelsmith-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where hex = HMAC-SHA256(secret key, t + &quot;.&quot; + raw body), and{" "}
            <code>X-Reelsmith-Delivery</code>, an id to drop repeats by.
          </p>
        </Section>
        <Section id="errors" title="Error codes">
          <DocTable columns={["code", "HTTP", "meaning"]}>
            {doc["x-error-codes"].map((e) => (
              <tr key={e.code}>
                <td className="py-2 pr-4 font-mono">{e.code}</td>
                <td className="py-2 pr-4 font-mono">{e.http}</td>
                <td className="py-2 text-zinc-300">{e.meaning}</td>
              </tr>
            ))}
          </DocTable>
        </Section>
      </main>
    </>
  );
}
