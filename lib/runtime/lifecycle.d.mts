export declare function shuttingDown(): boolean;
export declare function onShutdown(name: string, stop: () => unknown): void;
export declare function shutDown(): Promise<unknown[]>;
