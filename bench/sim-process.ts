import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { SimStats } from '../src/sim/stats.js';

/** The simulator in its own process, so the bench's RSS is the worker's alone. */
export interface SimProcess {
  baseUrl: string;
  stats(): Promise<SimStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const port = await freePort();
  const token = randomBytes(18).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sim', '--port', String(port), '--control-token', token, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
    child.stdout?.on('data', (chunk) => String(chunk).includes('listening') && resolve());
  });
  const origin = `http://127.0.0.1:${port}`;
  const control = (path: string, method = 'GET') => fetch(`${origin}/__sim/${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  return {
    baseUrl: `${origin}/api/v1/`,
    stats: async () => (await (await control('stats')).json()) as SimStats,
    resetStats: async () => void (await control('reset-stats', 'POST')),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
