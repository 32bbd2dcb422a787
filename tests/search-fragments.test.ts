import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { pageFragments } from "../src/search/fragments.ts";
import { writeSearchIndex } from "../src/search/index-pages.ts";
import type { RecordSource } from "../src/search/records.ts";
import { ShardCache, type IndexedArticle } from "../src/search/shard-cache.ts";
import { linkInto } from "../src/site/site-output.ts";
import { differences } from "./helpers/crawl.ts";

const temporary = (name: string) => mkdtempSync(path.join(tmpdir(), `khotin-${name}-`));

/** Three short articles of one shard, each with its text: the record changes with the text, and the file's hash with it. */
const TEXTS: Record<string, string> = {
  "gia-xang": "Giá xăng tăng nhẹ từ chiều nay",
  "mua-lon": "Mưa lớn kéo dài ở miền Trung",
  "bong-da": "Đội tuyển thắng trận giao hữu",
};

function articleOf(slug: string, day: number, text: string): IndexedArticle & { text: string } {
  return { url: `/2023/01/${slug}/`, date: new Date(`2023-01-0${day}T00:00:00+07:00`), hash: text, text };
}

const sourceOf = async (article: ReturnType<typeof articleOf>): Promise<RecordSource> => ({
  article: { url: article.url, title: article.text, date: article.date },
  body: { html: `<p>${article.text}</p>` },
});

/** Indexes the articles as one shard into a new site folder with the cache given; returns the shard's folder. */
async function indexShard(cacheDir: string, texts: Record<string, string>): Promise<string> {
  const site = temporary("fragments-site");
  const articles = Object.entries(texts).map(([slug, text], at) => articleOf(slug, at + 1, text));
  const shard = { id: "2023", years: ["2023", "2023"] as [string, string], articles };
  const facets = { "chuyen-muc": {}, "dia-phuong": {}, nguon: {}, nam: {} };
  await writeSearchIndex(site, [shard], facets, sourceOf, { cache: new ShardCache(cacheDir, "v1"), place: linkInto(site) });
  return path.join(site, "pagefind", "2023");
}

const inodeOf = (shardDir: string, name: string) => statSync(path.join(shardDir, "fragment", `${name}.pf_fragment`)).ino;

describe("a shard indexed again over its earlier fragments", () => {
  it("keeps the files of unchanged records, writes the changed one, and leaves the same bundle as a cold index", async () => {
    const cache = temporary("fragments-cache");
    const first = await indexShard(cache, TEXTS);
    const again = await indexShard(cache, { ...TEXTS, "bong-da": "Đội tuyển hòa trận giao hữu" });
    const [before, after] = [await pageFragments(first), await pageFragments(again)];
    assert.deepEqual(after.slice(0, 2), before.slice(0, 2));
    assert.deepEqual([inodeOf(again, after[0]!), inodeOf(again, after[1]!)], [inodeOf(first, before[0]!), inodeOf(first, before[1]!)], "the unchanged records' fragments are the earlier files, not written again");
    assert.notEqual(after[2], before[2]);
    assert.deepEqual(readdirSync(path.join(again, "fragment")).sort(), after.map((name) => `${name}.pf_fragment`).sort(), "no fragment of the earlier text is left");
    const cold = await indexShard(temporary("fragments-cold"), { ...TEXTS, "bong-da": "Đội tuyển hòa trận giao hữu" });
    assert.deepEqual(differences(again, cold), []);
  });

  it("writes a fragment again when the earlier file of that name was made for another article, and drops earlier files it does not use", async () => {
    const cache = temporary("fragments-clash");
    const first = await indexShard(cache, TEXTS);
    const names = await pageFragments(first);
    // As if the first article's fragment name had been given, earlier, to the second article (a clash of
    // Pagefind's short hashes), with other bytes; and a fragment that no article of the shard has.
    const [list] = readdirSync(cache).filter((entry) => entry.endsWith(".fragments.json"));
    const listFile = path.join(cache, list!);
    const { version, fragments } = JSON.parse(readFileSync(listFile, "utf8")) as { version: string; fragments: { names: string[]; keys: string[] } };
    const cachedShard = path.join(cache, list!.slice(0, list!.indexOf(".")));
    writeFileSync(path.join(cachedShard, "fragment", `${names[0]}.pf_fragment`), "not this record's fragment");
    writeFileSync(path.join(cachedShard, "fragment", "vi_0000000.pf_fragment"), "no record's fragment");
    const keys = [fragments.keys[1]!, fragments.keys[1]!, fragments.keys[2]!];
    writeFileSync(listFile, JSON.stringify({ version, fragments: { names: [names[0], "vi_0000000", names[2]], keys } }));
    // An article added: the shard is indexed again, not placed from the cache.
    const grown = { ...TEXTS, "lu-lut": "Lũ lụt ở đồng bằng" };
    const again = await indexShard(cache, grown);
    const cold = await indexShard(temporary("fragments-cold"), grown);
    assert.deepEqual(differences(again, cold), []);
  });
});
