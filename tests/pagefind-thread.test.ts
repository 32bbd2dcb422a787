import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import * as pagefind from "pagefind";
import { PagefindThread } from "../src/search/pagefind-thread.ts";
import type { SearchRecord } from "../src/search/records.ts";
import { differences } from "./helpers/crawl.ts";

const temporary = (name: string) => mkdtempSync(path.join(tmpdir(), `khotin-${name}-`));

/** Short records of two shards, written for this test. */
const SHARDS: SearchRecord[][] = [
  ["Giá xăng tăng nhẹ từ chiều nay", "Mưa lớn kéo dài ở miền Trung"],
  ["Đội tuyển thắng trận giao hữu", "Chợ Tết đông vui ngày cuối năm", "Tàu mới cập cảng Đà Nẵng"],
].map((texts, shard) =>
  texts.map((text, at) => ({
    url: `/202${shard}/01/bai-${at}/`,
    content: text,
    language: "vi",
    meta: { title: text, date: `202${shard}-01-0${at + 1}T00:00:00+07:00`, category: "" },
    filters: { nam: [`202${shard}`] },
    sort: { ngay: `202${shard}-01-0${at + 1}T00:00:00+07:00` },
  })),
);

/** Indexes records with the `pagefind` package on this thread, as the package's own documentation does. */
async function indexHere(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: "vi" });
  for (const record of records) await index!.addCustomRecord(record);
  await index!.writeFiles({ outputPath });
  await pagefind.close();
}

describe("Pagefind on a thread of its own", () => {
  it("writes, from two services side by side, the bundles that the package writes on the calling thread", async () => {
    const [thread, here] = [temporary("pagefind-thread"), temporary("pagefind-here")];
    const pagefindThread = new PagefindThread();
    try {
      await Promise.all(
        SHARDS.map(async (records, slot) => {
          const service = pagefindThread.service(slot);
          const index = await service.createIndex({ forceLanguage: "vi" });
          const added = await Promise.all(records.map((record) => index.addCustomRecord(record)));
          assert.deepEqual(added, records.map(() => ({ errors: [] })));
          assert.deepEqual(await index.writeFiles({ outputPath: path.join(thread, String(slot)) }), { errors: [] });
          await service.close();
        }),
      );
    } finally {
      await pagefindThread.stop();
    }
    for (const [slot, records] of SHARDS.entries()) await indexHere(records, path.join(here, String(slot)));
    assert.deepEqual(differences(thread, here), []);
  });

  it("fails a call on a service whose index was closed", async () => {
    const pagefindThread = new PagefindThread();
    try {
      const service = pagefindThread.service(0);
      const index = await service.createIndex({ forceLanguage: "vi" });
      await service.close();
      await assert.rejects(index.addCustomRecord(SHARDS[0]![0]!), /no index is open on Pagefind service 0/);
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
