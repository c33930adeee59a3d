/** Types of source-stamp.mjs (see there). */
export declare const BUILD_DIR: string;
export declare const STAMP_FILE: string;
export declare function sourceStamp(root: string): string;
export declare function builtStamp(root: string): string | undefined;
