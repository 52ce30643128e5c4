import type { Server, ServerResponse } from "node:http";

export declare function refusedWhileStopping(res: ServerResponse): boolean;
export declare function stopServer(server: Server, openRequestsGraceMs: number): Promise<unknown[]>;
