/** Benchmark settings from `--name value` flags; every flag optional. */
export interface BenchSettings {
  units: number;
  activities: number;
  comments: number;
  kpiValues: number;
  latencyMs: number;
  rateLimit: number;
  concurrency: number;
  baselineUnits: number;
  mappingNodes: number;
}

const DEFAULTS: BenchSettings = {
  units: 200,
  activities: 6_000,
  comments: 18_000,
  kpiValues: 1_000,
  latencyMs: 100,
  rateLimit: 100,
  concurrency: 24,
  baselineUnits: 4,
  mappingNodes: 100_000,
};

const FLAGS: Record<string, keyof BenchSettings> = {
  '--units': 'units',
  '--activities': 'activities',
  '--comments': 'comments',
  '--kpi-values': 'kpiValues',
  '--latency': 'latencyMs',
  '--rate-limit': 'rateLimit',
  '--concurrency': 'concurrency',
  '--baseline-units': 'baselineUnits',
  '--mapping-nodes': 'mappingNodes',
};

export function parseBenchArgs(argv: string[]): BenchSettings {
  const settings = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i] ?? ''];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 0) {
      throw new Error(`bench: unknown flag or bad value "${argv[i]} ${argv[i + 1] ?? ''}"; flags: ${Object.keys(FLAGS).join(' ')} (whole numbers)`);
    }
    settings[key] = value;
  }
  return settings;
}
