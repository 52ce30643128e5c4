export { captureLogs, logger, scrub, withLogContext, type Logger } from "./core.mjs";
