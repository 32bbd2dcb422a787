import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ShardCache } from "../src/search/shard-cache.ts";

describe("ShardCache", () => {
  const cache = new ShardCache("/nowhere", "v1");
  const article = (hash: string) => ({ url: `/2023/01/${hash}/`, date: new Date("2023-01-01T00:00:00+07:00"), hash });
  const shard = (id: string, hashes: string[]) => ({ id, years: ["2023", "2023"] as [string, string], articles: hashes.map(article) });

  it("knows a shard by its articles, not its name, so a shard renamed by a join is placed rather than indexed", () => {
    assert.equal(cache.fingerprint(shard("2023-4", ["a", "b"])), cache.fingerprint(shard("2023-4-2024", ["a", "b"])));
  });

  it("tells shards apart by their articles' files and order, and by khotin's version", () => {
    const fingerprint = cache.fingerprint(shard("2023", ["a", "b"]));
    assert.notEqual(cache.fingerprint(shard("2023", ["a", "c"])), fingerprint);
    assert.notEqual(cache.fingerprint(shard("2023", ["b", "a"])), fingerprint);
    assert.notEqual(new ShardCache("/nowhere", "v2").fingerprint(shard("2023", ["a", "b"])), fingerprint);
  });
});
