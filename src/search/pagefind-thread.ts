import type { Worker } from "node:worker_threads";
import type { PagefindServiceConfig, WriteOptions } from "pagefind";
import { startWorker } from "../project.ts";
import type { RecordSource } from "./records.ts";

/**
 * How Pagefind's processes allocate. Its binary uses jemalloc, which by default hands freed
 * memory back to the system within seconds and then faults it in again page by page. Kept
 * once freed, in transparent huge pages where the system allows them, a cold build of 10,000
 * articles made 0.41 million page faults instead of 1.03 million, and took 32 to 35 s instead
 * of 42 to 43 s (README, Performance).
 * https://jemalloc.net/jemalloc.3.html#tuning
 */
export const PAGEFIND_ALLOCATOR = { variable: "_RJEM_MALLOC_CONF", setting: "thp:always,metadata_thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1" } as const;

/** Gives the Pagefind processes that this thread spawns (they take its environment) khotin's allocator setting, unless the environment has one of its own. */
export function allocateForPagefind(env: NodeJS.ProcessEnv = process.env): void {
  env[PAGEFIND_ALLOCATOR.variable] ??= PAGEFIND_ALLOCATOR.setting;
}

/** A call to the Pagefind service of a slot, on the thread that pagefind-worker.ts runs. */
type PagefindRequest = { slot: number } & (
  | { call: "createIndex"; config: PagefindServiceConfig }
  | { call: "addRecords"; sources: RecordSource[] }
  | { call: "writeFiles"; options: WriteOptions }
  | { call: "close" }
);

/** A call as posted to that thread, with the id its answer comes back with. */
export type PagefindCall = PagefindRequest & { id: number };

/** What that thread answers a call: Pagefind's own errors, or the exception it threw. */
export type PagefindAnswer = { id: number } & ({ errors: string[] } | { thrown: string });

/** An index one Pagefind service is building: what khotin asks of Pagefind's. */
export interface PagefindIndexer {
  /** Makes the records of some articles on the thread, and adds them in order; Pagefind's errors name the article's URL. */
  addRecords(sources: RecordSource[]): Promise<{ errors: string[] }>;
  writeFiles(options: WriteOptions): Promise<{ errors: string[] }>;
}

/** One Pagefind indexing process, which builds one index at a time and is closed after each. */
export interface PagefindService {
  /** Opens an index, or fails with Pagefind's errors. */
  createIndex(config: PagefindServiceConfig): Promise<PagefindIndexer>;
  close(): Promise<void>;
}

/**
 * Pagefind's indexing processes, driven from a thread of their own, started on the first call,
 * which also makes the records. The `pagefind` package writes each record to its process's
 * stdin from the event loop of the thread that calls it: from the main thread, whose long tasks
 * (making the site archive, fingerprinting 100,000 pages) held the records back, Pagefind ran on
 * a tenth to a third of a core while it indexed the newest shard of a one-article rebuild.
 */
export class PagefindThread {
  private worker?: Worker;
  private lastId = 0;
  private readonly waiting = new Map<number, { resolve: (errors: string[]) => void; reject: (error: Error) => void }>();

  /** Service `slot`: each slot is a process of its own, so that shards are indexed side by side. */
  service(slot: number): PagefindService {
    return {
      createIndex: async (config) => {
        await this.call({ slot, call: "createIndex", config });
        return {
          addRecords: async (sources) => ({ errors: await this.call({ slot, call: "addRecords", sources }) }),
          writeFiles: async (options) => ({ errors: await this.call({ slot, call: "writeFiles", options }) }),
        };
      },
      close: async () => {
        await this.call({ slot, call: "close" });
      },
    };
  }

  /** Ends the thread, and with it any process still open. */
  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private call(call: PagefindRequest): Promise<string[]> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.started().postMessage({ ...call, id });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker("search/pagefind-worker.ts", {});
    worker.on("message", (answer: PagefindAnswer) => {
      const waiting = this.waiting.get(answer.id)!;
      this.waiting.delete(answer.id);
      if ("thrown" in answer) waiting.reject(new Error(answer.thrown));
      else waiting.resolve(answer.errors);
    });
    const fail = (error: Error) => {
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the Pagefind thread stopped (exit code ${code}) before it answered`)));
    this.worker = worker;
    return worker;
  }
}
