/** Where the SQLite store lives inside the data folder (named apart so edges need not load SQLite). */

/** File name of the database inside the data folder. */
export const STORE_FILE = 'morelike.sqlite';
