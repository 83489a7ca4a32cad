/** Benchmark settings from `--name value` flags; every flag optional. */
export interface BenchSettings {
  /** Tenant sizes in units (departments and companies); each gets 30 activities and 90 comments per unit. */
  sizes: number[];
  latencyMs: number;
  rateLimit: number;
  /** Units pulled by each baseline client. */
  baselineUnits: number;
  /** Activities of the in-process mapping measurement. */
  mappingNodes: number;
  /** Rewrite the README's benchmark table. */
  readme: boolean;
}

const DEFAULTS: BenchSettings = { sizes: [20, 200], latencyMs: 50, rateLimit: 100, baselineUnits: 4, mappingNodes: 100_000, readme: true };

const NUMBERS: Record<string, 'latencyMs' | 'rateLimit' | 'baselineUnits' | 'mappingNodes'> = {
  '--latency': 'latencyMs',
  '--rate-limit': 'rateLimit',
  '--baseline-units': 'baselineUnits',
  '--mapping-nodes': 'mappingNodes',
};

const usage = `flags: --sizes 20,200[,2000] ${Object.keys(NUMBERS).join(' ')} (whole numbers) --no-readme`;

/** Parses the bench's flags; a bad flag or value throws, naming it. */
export function parseBenchArgs(argv: string[]): BenchSettings {
  const settings = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i] ?? '';
    if (flag === '--no-readme') {
      settings.readme = false;
      continue;
    }
    const text = argv[(i += 1)] ?? '';
    if (flag === '--sizes') {
      const sizes = text.split(',').map(Number);
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 2 || n > 5_000))
        throw new Error(`bench: --sizes expects whole numbers from 2 to 5000, comma-separated, got "${text}"; ${usage}`);
      settings.sizes = sizes;
      continue;
    }
    const key = NUMBERS[flag];
    const value = Number(text);
    if (!key || !Number.isInteger(value) || value < 0) throw new Error(`bench: unknown flag or bad value "${flag} ${text}"; ${usage}`);
    settings[key] = value;
  }
  return settings;
}
