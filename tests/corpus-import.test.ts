import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { readFrontMatter } from "../src/content/front-matter.ts";
import type { ImportReport } from "../src/import/report.ts";
import { plainBodyHtml } from "../src/markdown/plain-paragraphs.ts";
import { articleProcessor } from "../src/markdown/processor.ts";
import { repoRoot, runCli } from "./helpers/cli.ts";
import { formatColdSearches, measureColdSearches } from "./helpers/cold-search.ts";

/** The real corpora; their text is read from here at test time and never copied into the repository. */
const corpus = path.resolve(repoRoot, "../shared/corpus");
const skip = existsSync(corpus) ? false : `no corpus at ${corpus}`;
if (skip) console.log(`# skipping corpus tests: ${skip}`);

describe("importing real corpora", { skip }, () => {
  it("imports all of dantri-unc and baomoi-paragraphs, the result builds with zero errors, and cold searches on it stay under 1 MB", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "khotin-corpus-"));
    for (const name of ["dantri-unc", "baomoi-paragraphs"]) execFileSync("tar", ["-xzf", path.join(corpus, `${name}.tar.gz`), "-C", work]);
    const content = path.join(work, "content");
    const reportFile = path.join(work, "report.json");
    // baomoi's files carry no date, and most of their text states none: the corpus is from 2017.
    const imported = runCli(["import", path.join(work, "data"), path.join(work, "paragraphs"), "--out", content, "--date-fallback", "2017-01-01", "--report", reportFile]);
    assert.equal(imported.status, 0, imported.stderr);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as ImportReport;
    assert.equal(report.files, 2653 + 3756);
    assert.deepEqual(report.status, { written: 6409, unchanged: 0, overwritten: 0, kept: 0, skipped: 0 });
    assert.deepEqual(report.formats, { dantri: 2653, "baomoi-paragraphs": 3756 });
    assert.equal(report.fields.date["--date-fallback"]! < 3756, true, "some baomoi dates come from the text");

    // Real bodies are mostly plain paragraphs, which are rendered without the pipeline: to the same HTML.
    const bodies = readdirSync(content, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".md")).map((file) => readFrontMatter(readFileSync(path.join(content, file), "utf8")).body);
    const plain = bodies.filter((body) => plainBodyHtml(body) !== undefined);
    for (const body of plain) assert.equal(plainBodyHtml(body), String(articleProcessor.processSync(body)));
    assert.ok(plain.length > bodies.length / 2, `${plain.length} of ${bodies.length} bodies are plain paragraphs`);

    const built = runCli(["build", "--content", content, "--out", path.join(work, "site")]);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(built.stderr, "", "no errors or warnings");
    assert.match(built.stdout, /^6,409 articles → 6,409 pages, 6,409 indexed, 0 skipped \(/m);

    // Cold searches on the real archive: two-syllable queries, and "của", which is on nearly every page.
    const searches = await measureColdSearches(path.join(work, "site"), ["tuyên giáo", "da nang", "bóng đá", "giao thông", "kinh tế", "của"]);
    console.log(formatColdSearches(searches));
    for (const search of searches) {
      assert.match(search.status, /^\d[\d,.]* bài viết/, `${search.query} finds articles`);
      assert.ok(search.bytes < 1024 * 1024, `${search.query}: ${search.bytes} bytes, at most 1 MB`);
    }
  });
});
