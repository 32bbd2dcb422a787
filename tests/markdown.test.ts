import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { VFile } from "vfile";
import { renderArticleBody } from "../src/markdown/processor.ts";

const fixtures = path.join(import.meta.dirname, "fixtures", "markdown");

/** One folder per case: `input.md`, rendered by the article pipeline, must give `expected.html`. */
describe("article Markdown pipeline", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const input = readFileSync(path.join(fixtures, name, "input.md"), "utf8");
      const expected = readFileSync(path.join(fixtures, name, "expected.html"), "utf8");
      const html = await renderArticleBody(new VFile({ path: `${name}/input.md`, value: input }));
      assert.equal(html.trim(), expected.trim());
    });
  }

  it("never lets script through, whatever the fixture", async () => {
    for (const name of readdirSync(fixtures)) {
      const html = await renderArticleBody(new VFile(readFileSync(path.join(fixtures, name, "input.md"), "utf8")));
      assert.doesNotMatch(html, /<script|\son\w+=|javascript:|<iframe/i, name);
    }
  });
});
