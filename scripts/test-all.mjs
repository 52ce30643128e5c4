// `npm test`: unit, then integration, then end-to-end tests; stops at the first failing phase and
// prints how long each phase took.
import { spawnSync } from "node:child_process";

const phases = ["test:unit", "test:int", "test:e2e"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const timings = [];
let status = 0;
for (const phase of phases) {
  const started = Date.now();
  const run = spawnSync(npm, ["run", phase], { stdio: "inherit" });
  timings.push([phase, (Date.now() - started) / 1000, run.status === 0 ? "ok" : "FAILED"]);
  if (run.status !== 0) {
    status = run.status ?? 1;
    break;
  }
}
console.log("\nnpm test phases:");
for (const [phase, seconds, result] of timings) console.log(`  ${phase.padEnd(10)} ${seconds.toFixed(0).padStart(5)} s  ${result}`);
process.exit(status);
