/**
 * The one range of years the worker accepts, wherever a year comes in (settings, CLI flags, job
 * payloads, HTTP queries): reported years from 2000 to 2100. Mapping files, and the commands that
 * read them for a given year, may also describe older programme periods, from 1990.
 */
export const YEARS = { min: 2000, max: 2100 } as const;

/** The years a mapping file's period may cover (older programme periods included). */
export const MAPPING_YEARS = { min: 1990, max: YEARS.max } as const;
