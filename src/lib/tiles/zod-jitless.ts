/**
 * Imported first by the tiles' reader on the page: zod compiles its object parsers with
 * `new Function` unless told not to, and merely probing for it (when a schema is made) trips the
 * page's Content-Security-Policy, which has no 'unsafe-eval'. The page's realm only: the data
 * worker has its own zod.
 */
import { z } from 'zod';

z.config({ jitless: true });
