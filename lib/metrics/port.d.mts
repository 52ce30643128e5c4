import type { Server } from "node:http";

export declare function bearerMatches(header: string | undefined | null, token: string): boolean;
export declare function startMetricsServer(env?: Record<string, string | undefined>): Promise<Server | null>;
