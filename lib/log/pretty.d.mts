export declare function prettyLine(json: string): string;
