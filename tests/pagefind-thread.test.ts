import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import * as pagefind from "pagefind";
import { processTree } from "../bench/tree-memory.ts";
import { allocateForPagefind, PAGEFIND_ALLOCATOR, PagefindThread } from "../src/search/pagefind-thread.ts";
import { searchRecord, type RecordSource } from "../src/search/records.ts";
import { differences } from "./helpers/crawl.ts";

const temporary = (name: string) => mkdtempSync(path.join(tmpdir(), `khotin-${name}-`));

const bodies = temporary("pagefind-bodies");

/** Short articles of two shards, written for this test: in each, the first body is given and the others are files, as the render cache keeps them. */
const SHARDS: RecordSource[][] = [
  ["Giá xăng tăng nhẹ từ chiều nay", "Mưa lớn kéo dài ở miền Trung"],
  ["Đội tuyển thắng trận giao hữu", "Chợ Tết đông vui ngày cuối năm", "Tàu mới cập cảng Đà Nẵng"],
].map((texts, shard) =>
  texts.map((text, at) => {
    const html = `<p>${text}</p>`;
    const file = path.join(bodies, `${shard}-${at}.html`);
    writeFileSync(file, html);
    const article = { url: `/202${shard}/01/bai-${at}/`, title: text, category: "Thời sự", date: new Date(`202${shard}-01-0${at + 1}T00:00:00+07:00`) };
    return { article, body: at === 0 ? { html } : { file } };
  }),
);

/** Indexes the articles' records, made on this thread, with the `pagefind` package, as the package's own documentation does. */
async function indexHere(sources: readonly RecordSource[], outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
  for (const { article, body } of sources) await index!.addCustomRecord(searchRecord(article, "html" in body ? body.html : readFileSync(body.file, "utf8")));
  await index!.writeFiles({ outputPath });
  await pagefind.close();
}

describe("Pagefind on a thread of its own", () => {
  it("writes, from two services side by side, the bundles that the package writes on the calling thread from the same records", async () => {
    const [thread, here] = [temporary("pagefind-thread"), temporary("pagefind-here")];
    const pagefindThread = new PagefindThread();
    try {
      await Promise.all(
        SHARDS.map(async (sources, slot) => {
          const service = pagefindThread.service(slot);
          const index = await service.createIndex({ forceLanguage: "vi" });
          // One article alone, then the rest: the records are added in the order they were sent.
          const added = await Promise.all([index.addRecords(sources.slice(0, 1)), index.addRecords(sources.slice(1))]);
          assert.deepEqual(added, [{ errors: [] }, { errors: [] }]);
          assert.deepEqual(await index.writeFiles({ outputPath: path.join(thread, String(slot)) }), { errors: [] });
          await service.close();
        }),
      );
    } finally {
      await pagefindThread.stop();
    }
    for (const [slot, sources] of SHARDS.entries()) await indexHere(sources, path.join(here, String(slot)));
    assert.deepEqual(differences(thread, here), []);
  });

  it("starts Pagefind's processes with khotin's allocator setting", { skip: process.platform !== "linux" && "reads /proc" }, async () => {
    const pagefindThread = new PagefindThread();
    try {
      await pagefindThread.service(0).createIndex({ forceLanguage: "vi" });
      // A process listed may have ended by the time its files are read: it then reads as nothing.
      const procFile = (pid: string, file: string) => {
        try {
          return readFileSync(`/proc/${pid}/${file}`, "utf8");
        } catch {
          return "";
        }
      };
      const descendants = processTree(process.pid).slice(1).map(String);
      const pagefindProcesses = descendants.filter((pid) => procFile(pid, "comm").startsWith("pagefind"));
      // Earlier tests' processes, started on this thread without the setting, may not have exited yet.
      const environments = pagefindProcesses.map((pid) => procFile(pid, "environ").split("\0"));
      const expected = `${PAGEFIND_ALLOCATOR.variable}=${process.env[PAGEFIND_ALLOCATOR.variable] ?? PAGEFIND_ALLOCATOR.setting}`;
      assert.ok(environments.some((environment) => environment.includes(expected)), `no Pagefind process was started with ${expected}`);
    } finally {
      await pagefindThread.stop();
    }
  });

  it("leaves an allocator setting of the user's own", () => {
    const own = { [PAGEFIND_ALLOCATOR.variable]: "narenas:1" };
    allocateForPagefind(own);
    assert.equal(own[PAGEFIND_ALLOCATOR.variable], "narenas:1");
    const none: NodeJS.ProcessEnv = {};
    allocateForPagefind(none);
    assert.equal(none[PAGEFIND_ALLOCATOR.variable], PAGEFIND_ALLOCATOR.setting);
  });

  it("fails a call on a service whose index was closed", async () => {
    const pagefindThread = new PagefindThread();
    try {
      const service = pagefindThread.service(0);
      const index = await service.createIndex({ forceLanguage: "vi" });
      await service.close();
      await assert.rejects(index.addRecords(SHARDS[0]!), /no index is open on Pagefind service 0/);
    } finally {
      await pagefindThread.stop();
    }
  });

  it("fails, naming the article, when a body is no longer in the render cache", async () => {
    const pagefindThread = new PagefindThread();
    try {
      const index = await pagefindThread.service(0).createIndex({ forceLanguage: "vi" });
      const gone = { article: SHARDS[0]![1]!.article, body: { file: path.join(bodies, "gone.html") } };
      await assert.rejects(index.addRecords([gone]), /the rendered body of \/2020\/01\/bai-1\/ left the render cache .*gone\.html.*: build again/);
    } finally {
      await pagefindThread.stop();
    }
  });

  it("fails every call still waiting when the thread ends", async () => {
    const pagefindThread = new PagefindThread();
    // Asked before the thread has even started, so that no answer can come first.
    const waiting = pagefindThread.service(0).createIndex({ forceLanguage: "vi" });
    await pagefindThread.stop();
    await assert.rejects(waiting, /the Pagefind thread stopped/);
  });
});
