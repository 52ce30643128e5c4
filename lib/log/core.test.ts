import { describe, expect, it } from "vitest";
import { captureLogs, logger, scrub, withLogContext } from "./core.mjs";
import { prettyLine } from "./pretty.mjs";

function logged(write: (log: ReturnType<typeof logger>) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const stop = captureLogs(lines);
  try {
    write(logger("test"));
  } finally {
    stop();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the logger", () => {
  it("writes JSON lines with level, time, component and message", () => {
    const [entry] = logged((log) => log.warn({ jobs: 3 }, "queue is long"));
    expect(entry).toMatchObject({ level: "warn", component: "test", jobs: 3, msg: "queue is long" });
    expect(new Date(entry!.time as string).getTime()).toBeGreaterThan(0);
  });

  it("puts the context's ids on every line inside it, however deep, and not outside", async () => {
    const entries = logged((log) => {
      withLogContext({ requestId: "req-1" }, () => {
        log.info("outer");
        withLogContext({ jobId: "job-9" }, () => log.info({ step: 2 }, "inner"));
        log.info({ status: 200 }, "after");
      });
      log.info("outside");
    });
    expect(entries.map((e) => [e.msg, e.requestId, e.jobId, e.status])).toEqual([
      ["outer", "req-1", undefined, undefined],
      ["inner", "req-1", "job-9", undefined],
      ["after", "req-1", undefined, 200],
      ["outside", undefined, undefined, undefined],
    ]);
  });

  it("redacts secret fields, one level down too", () => {
    const [entry] = logged((log) => log.info({ password: "hunter2-hunter2", user: { token: "abc", sessionToken: "s3ss", name: "Ann" }, headers: { authorization: "Bearer x", cookie: "c" } }, "signed in"));
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|abc|s3ss|Bearer x/);
    expect(entry).toMatchObject({ password: "[redacted]", user: { token: "[redacted]", sessionToken: "[redacted]", name: "Ann" }, headers: { authorization: "[redacted]", cookie: "[redacted]" } });
  });

  it("redacts set-cookie headers and the secret fields of errors, keeping their messages, and leaves what was logged unchanged", () => {
    const failure = Object.assign(new Error("upstream refused"), { code: "E_UPSTREAM", apiKey: "key-123456" });
    const fields = { response: { status: 502, headers: { "set-cookie": "sid=c00kie", "content-type": "text/plain" } }, headers: { "set-cookie": "sid=top" }, err: failure };
    const [entry, thrown] = logged((log) => {
      log.warn(fields, "upstream failed");
      log.error(failure);
    });
    expect(JSON.stringify([entry, thrown])).not.toMatch(/c00kie|sid=top|key-123456/);
    expect(entry).toMatchObject({ response: { status: 502, headers: { "set-cookie": "[redacted]", "content-type": "text/plain" } }, headers: { "set-cookie": "[redacted]" } });
    expect(entry!.err).toMatchObject({ message: "upstream refused", code: "E_UPSTREAM", apiKey: "[redacted]" });
    expect(thrown).toMatchObject({ msg: "upstream refused", err: { message: "upstream refused", code: "E_UPSTREAM", apiKey: "[redacted]" } });
    expect(fields.response.headers["set-cookie"]).toBe("sid=c00kie");
    const [inContext, listed] = logged((log) => {
      withLogContext({ requestId: "req-7", token: "ctx-s3cret" }, () => log.info("in a context"));
      log.info([{ password: "arr-s3cret", ok: 1 }]);
    });
    expect(JSON.stringify([inContext, listed])).not.toMatch(/ctx-s3cret|arr-s3cret/);
    expect(inContext).toMatchObject({ requestId: "req-7", token: "[redacted]" });
    const looped = new Error("token=loop-s3cret went round");
    looped.cause = looped;
    const [circular] = logged((log) => log.error({ err: looped }, "loop"));
    expect(JSON.stringify(circular)).not.toMatch(/loop-s3cret/);
    expect(failure.apiKey).toBe("key-123456");
  });

  it("masks secrets inside messages and errors, leaving the thrown error untouched", () => {
    const error = new Error("POST https://user:pa55word@mail.example.com/?token=tok123 failed");
    const [entry] = logged((log) => log.error({ err: error }, "Bearer eyJhbGciOi.x.y sent with key=sk_live_abcdefghijkl"));
    const text = JSON.stringify(entry);
    expect(text).not.toMatch(/pa55word|tok123|eyJhbGciOi|abcdefghijkl/);
    expect(error.message).toContain("pa55word");
  });

  it("scrubs the shapes secrets take in text", () => {
    expect(scrub("/reset-password?token=a.b-c&next=%2F")).toBe("/reset-password?token=[redacted]&next=%2F");
    expect(scrub("smtps://me:secret@smtp.example.com:465")).toBe("smtps://me:[redacted]@smtp.example.com:465");
    expect(scrub("whsec_0123456789abcdef and rk_live_0123456789")).toBe("whsec_[redacted] and rk_[redacted]");
    expect(scrub("a plain line about 42 jobs")).toBe("a plain line about 42 jobs");
  });

  it("formats a line for a terminal in development", () => {
    const line = prettyLine(JSON.stringify({ level: "error", time: "2026-12-02T06:00:01.250Z", component: "worker", jobId: "j1", msg: "render failed", err: { stack: "Error: x\n    at y" } }));
    expect(line).toContain("06:00:01.250");
    expect(line).toMatch(/ERROR.* worker render failed {2}jobId=j1\nError: x\n {4}at y\n$/);
    expect(prettyLine("not json\n")).toBe("not json\n");
  });
});
