import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { RenderCache } from "../src/markdown/render-cache.ts";

/** A render that counts its calls. */
const counting = () => {
  const calls: string[] = [];
  const render = (fileHash: string) => () => {
    calls.push(fileHash);
    return Promise.resolve(`<p>${fileHash}</p>`);
  };
  return { calls, render };
};

describe("RenderCache", () => {
  it("renders a body once per pipeline, and again for another pipeline", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "khotin-render-"));
    const { calls, render } = counting();
    assert.equal(await new RenderCache(dir, "pipeline-a").render("ab12", render("ab12")), "<p>ab12</p>");
    assert.equal(await new RenderCache(dir, "pipeline-a").render("ab12", render("ab12")), "<p>ab12</p>");
    assert.deepEqual(calls, ["ab12"], "the second build read it from the cache");
    await new RenderCache(dir, "pipeline-b").render("ab12", render("ab12"));
    assert.deepEqual(calls, ["ab12", "ab12"], "another pipeline renders it afresh");
  });

  it("prunes the bodies of files the archive no longer has, and every other pipeline's folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "khotin-render-"));
    const { calls, render } = counting();
    await new RenderCache(dir, "old-pipeline").render("cd34", render("cd34"));
    const first = new RenderCache(dir, "pipeline");
    await Promise.all(["ab12", "cd34", "ef56"].map((hash) => first.render(hash, render(hash))));
    const second = new RenderCache(dir, "pipeline");
    await second.render("ab12", render("ab12"));
    await second.prune(["cd34"]);
    assert.deepEqual(readdirSync(dir), ["pipeline"]);
    assert.ok(!existsSync(path.join(dir, "pipeline", "ef", "ef56.html")), "a body no article has is gone");
    calls.length = 0;
    const third = new RenderCache(dir, "pipeline");
    await Promise.all(["ab12", "cd34", "ef56"].map((hash) => third.render(hash, render(hash))));
    assert.deepEqual(calls, ["ef56"], "the bodies asked for and those of the articles named are kept");
  });
});
