import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { runCli } from "./helpers/cli.ts";
import { differences } from "./helpers/crawl.ts";
import { buildFixtureSite } from "./helpers/site.ts";

const fixture = path.join(import.meta.dirname, "fixtures", "archive");

/** Small shards, so that the 62 articles of the fixture make four: 2020 (which 2021 joined), 2022, 2023 and 2023-tail. */
const SHARDS = { KHOTIN_SHARD_SIZE: "20" };

const temporary = (name: string) => mkdtempSync(path.join(tmpdir(), `khotin-${name}-`));

/** The files under a folder, as paths relative to it. */
const filesUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))) : []);

describe("a build split into parts (a CI matrix), then assembled", () => {
  const parts = [1, 2, 3].map((index) => {
    const cache = temporary(`part-${index}`);
    const run = runCli(["build", "--content", fixture, "--part", `${index}/3`, "--out", path.join(cache, "never-written")], undefined, { ...SHARDS, KHOTIN_CACHE_DIR: cache });
    return { cache, run };
  });

  it("builds each part into its cache only, and says what it did", () => {
    // Every third shard in date order falls to a part: the first takes two of the four.
    for (const [at, { cache, run }] of parts.entries()) {
      assert.equal(run.status, 0, run.stderr);
      const shards = at === 0 ? "2 of 2 search shards" : "1 of 1 search shard";
      assert.match(run.stdout, new RegExp(`^part ${at + 1} of 3: rendered \\d+ pages \\(0 from cache\\), indexed ${shards}, into the cache`, "m"));
      assert.ok(!existsSync(path.join(cache, "never-written")), "a part writes no site");
    }
  });

  it("shares the work: no article page and no search shard is made by two parts", () => {
    const pages = parts.flatMap(({ cache }) => filesUnder(path.join(cache, "pages")));
    // Each shard's folder, not the list of its fragments beside it.
    const shards = parts.flatMap(({ cache }) => readdirSync(path.join(cache, "search")).filter((entry) => !entry.endsWith(".fragments.json")));
    assert.equal(new Set(pages).size, pages.length);
    assert.equal(pages.length, 62, "the fixture's 62 article pages, once each");
    assert.equal(new Set(shards).size, 4);
  });

  it("assembles from the parts' caches the same site as one whole build, rendering no article page and indexing no shard", () => {
    const merged = temporary("merged-cache");
    for (const { cache } of parts) cpSync(cache, merged, { recursive: true, force: false });
    const assembled = buildFixtureSite(fixture, { ...SHARDS, KHOTIN_CACHE_DIR: merged });
    assert.match(assembled.run.stdout, /\(62 from cache\), indexed 0 of 4 search shards/);
    const whole = buildFixtureSite(fixture, { ...SHARDS, KHOTIN_CACHE_DIR: temporary("whole-cache") });
    assert.match(whole.run.stdout, /\(0 from cache\), indexed 4 of 4 search shards/);
    assert.deepEqual(differences(assembled.dir, whole.dir), []);
  });

  it("refuses a part that does not exist", () => {
    const run = runCli(["build", "--content", fixture, "--part", "4/3"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--part must be K\/N with 1 ≤ K ≤ N/);
  });
});
