import type { Logger } from "pino";

export type { Logger };
export declare function scrub(text: string): string;
export declare function withLogContext<T>(bindings: Record<string, unknown>, work: () => T): T;
export declare function logger(component: string): Logger;
export declare function captureLogs(lines: string[]): () => void;
