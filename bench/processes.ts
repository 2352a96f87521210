import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The process and every descendant of it (a multi-process shop is a tree). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name before it may hold spaces, hence the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Resident memory of the process tree, in MB. */
export function rssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(match?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return kb / 1024;
}

/** CPU seconds (user + system) each process of the tree has used so far, by pid. */
function cpuSecondsByPid(root: number): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of processTree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // USER_HZ is 100 on Linux.
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // Gone meanwhile.
    }
  }
  return used;
}

/** The service a shop process hosts (the process host hands it SHOPMESH_HOSTED_SERVICE), else `host`. */
function serviceOf(pid: number): string {
  try {
    const hosted = readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .find((v) => v.startsWith('SHOPMESH_HOSTED_SERVICE='));
    return hosted ? (JSON.parse(hosted.slice(hosted.indexOf('=') + 1)) as { appId: string }).appId : 'host';
  } catch {
    return 'host';
  }
}

/** What the shop used while nothing was asked of it: the share of one core, overall and by service. */
export interface IdleCpu {
  percent: number;
  byService: Record<string, number>;
}

/** Share of one core the tree used while idle for `seconds`, and which services used it. */
export async function idleCpu(root: number, seconds: number): Promise<IdleCpu> {
  const before = cpuSecondsByPid(root);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const byService: Record<string, number> = {};
  let percent = 0;
  for (const [pid, used] of cpuSecondsByPid(root)) {
    const share = ((used - (before.get(pid) ?? 0)) / seconds) * 100;
    const service = serviceOf(pid);
    byService[service] = (byService[service] ?? 0) + share;
    percent += share;
  }
  return { percent, byService };
}

/** Starts a Node process on a TypeScript entry (through tsx); `nodeArgs` go to Node itself and to the processes it forks. */
export function startNode(entry: string, env: NodeJS.ProcessEnv, args: string[] = [], nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}
