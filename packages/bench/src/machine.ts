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
  /** Median time of one `fs.fstatSync` from Node.js, in ns: what a system call costs here. */
  syscallNs: number;
}

// Audits of local folders are bound by system calls (about five per file:
// lstat when listed, then open, fstat, read and close), whose cost varies
// between machines (virtualisation, mitigations): the report says what one
// costs on this machine, so that figures compare across machines.
export function syscallNanoseconds(): number {
  const fd = fs.openSync(__filename, 'r');
  try {
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) fs.fstatSync(fd);
      rounds.push(Number(process.hrtime.bigint() - started) / 20_000);
    }
    return rounds.sort((a, b) => a - b)[2];
  } finally {
    fs.closeSync(fd);
  }
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
    syscallNs: syscallNanoseconds(),
  };
}
