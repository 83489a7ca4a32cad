import { z } from 'zod';

/** Field types shared by the tenant-fixture schemas. */

/** An id: a non-empty string, or an integer that is turned into its string. */
export const Id = z.union([z.string().min(1), z.number().int().transform(String)]);
/** An id or null (default null). */
export const NullableId = Id.nullable().default(null);
/** A calendar date `yyyy-MM-dd`. */
export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date yyyy-MM-dd');
/** A local Stockholm timestamp `yyyy-MM-dd HH:mm:ss`, as Stratsys formats comment times. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected local time yyyy-MM-dd HH:mm:ss');
