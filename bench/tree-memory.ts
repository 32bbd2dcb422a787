/**
 * The resident memory of a process tree, from Linux's /proc. GNU time's peak RSS is that of
 * the largest single process, but a build runs Pagefind's indexing processes beside Node, and
 * the memory a machine needs is their sum. A page that two processes share counts for each,
 * so the sum errs high. Children are read from `/proc/<pid>/task/<tid>/children`, which a
 * kernel built with CONFIG_PROC_CHILDREN has (this machine's does); without it the tree is
 * the one process, and the bench falls back to GNU time's figure.
 */
import { readFileSync, readdirSync } from "node:fs";

/** How often the tree is sampled: its processes live for seconds, and a sample of a build's tree takes about a millisecond. */
const SAMPLE_MS = 200;

/** The ids of `pid` and of its descendants, as far as they are still running. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let at = 0; at < tree.length; at++) {
    const parent = tree[at]!;
    // A process's children are listed per thread: Pagefind's are spawned from a worker thread.
    for (const task of tasksOf(parent)) {
      const children = readOptional(`/proc/${parent}/task/${task}/children`);
      if (children) tree.push(...children.trim().split(" ").filter(Boolean).map(Number));
    }
  }
  return tree;
}

/** The threads of a process, or none once it has ended. */
function tasksOf(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** A file's text, or undefined once its process has ended. */
function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The resident memory of one process, in KiB (`VmRSS`), or 0 once it has ended. */
function residentKiB(pid: number): number {
  const status = readOptional(`/proc/${pid}/status`);
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status ?? "")?.[1] ?? 0);
}

/** The resident memory of `pid` and its descendants together, in KiB. */
export function treeResidentKiB(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + residentKiB(member), 0);
}

/** Samples a process tree's resident memory until `stop`, which gives the largest sum seen, in KiB. */
export function watchTreeMemory(pid: number): { stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, treeResidentKiB(pid));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
