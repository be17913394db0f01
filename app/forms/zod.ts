import { en } from "zod/locales";
import { z } from "zod/mini";

/**
 * The zod that schemas reaching the browser are written in: zod/mini, whose functional API
 * (`z.string().check(z.maxLength(…))`) lets the bundler keep only what a page uses, where classic
 * zod's methods pull in all of it (with vite.config.ts's alias for conform: 16 KB gzip less on every
 * form page's first load, docs/performance.md §4). Mini loads no messages of its own, so zod's
 * English ones are set here: a rule without a message of ours reads the same in the browser as on
 * the server, where classic zod loads them.
 */
z.config(en());

export { z };
