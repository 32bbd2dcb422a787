/** The thread that PagefindThread starts: it makes the calls it is posted on Pagefind services of its own, and posts their answers. */
import { parentPort } from "node:worker_threads";
import * as pagefind from "pagefind";
import type { PagefindAnswer, PagefindCall } from "./pagefind-thread.ts";

const port = parentPort!;

/**
 * The `pagefind` package runs one indexing process per copy of the module, so a second copy
 * (imported under another URL) gives a second process: one per slot, imported on first use.
 */
const services = new Map<number, Promise<typeof pagefind>>();
const serviceOf = (slot: number) => {
  let service = services.get(slot);
  if (!service) {
    service = slot === 0 ? Promise.resolve(pagefind) : import(`${import.meta.resolve("pagefind")}?service=${slot}`);
    services.set(slot, service);
  }
  return service;
};

/** The index each slot's service is building. */
const indexes = new Map<number, pagefind.PagefindIndex>();

/** Makes one call, and gives Pagefind's errors. */
async function make(message: PagefindCall): Promise<string[]> {
  const service = await serviceOf(message.slot);
  const index = () => indexes.get(message.slot) ?? Promise.reject(new Error(`no index is open on Pagefind service ${message.slot}`));
  switch (message.call) {
    case "createIndex": {
      const { index: created, errors } = await service.createIndex(message.config);
      if (!created) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      indexes.set(message.slot, created);
      return errors;
    }
    case "addCustomRecord":
      return (await (await index()).addCustomRecord(message.record)).errors;
    case "writeFiles":
      return (await (await index()).writeFiles(message.options)).errors;
    case "close":
      indexes.delete(message.slot);
      await service.close();
      return [];
  }
}

port.on("message", (message: PagefindCall) => {
  make(message).then(
    (errors) => port.postMessage({ id: message.id, errors } satisfies PagefindAnswer),
    (error: unknown) => port.postMessage({ id: message.id, thrown: error instanceof Error ? error.message : String(error) } satisfies PagefindAnswer),
  );
});
