/** What the machine is, for the report. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memory: string;
  os: string;
  node: string;
  sqlite?: string;
  postgres?: string;
  /** The server's `autovacuum` setting: when off, the bench vacuums before each measurement. */
  postgresAutovacuum?: boolean;
}

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(): MachineInfo {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const free = run('free', ['-h']);
  const memLine = free?.split('\n').find(l => l.startsWith('Mem:'));
  const memory = memLine ? `${memLine.split(/\s+/)[1]} total (free -h)` : `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  const nproc = Number(run('nproc', [])) || os.cpus().length;
  return {
    cpus: nproc,
    cpuModel: model,
    memory,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
