import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { article, writeContent } from "./helpers/content.ts";
import { COMPILED, repoRoot, runCli } from "./helpers/cli.ts";
import { differences } from "./helpers/crawl.ts";

const outDir = () => path.join(mkdtempSync(path.join(tmpdir(), "khotin-out-")), "site");

describe("khotin CLI", () => {
  it("exits with 2 and the usage on an unknown command or option", () => {
    for (const args of [["publish"], ["build", "--colour"], ["build", "extra"], ["serve", "--port", "http"]]) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(" "));
      assert.match(run.stderr, /Usage: khotin <command>/);
    }
  });

  it("exits with 2 when the content folder does not exist", () => {
    const run = runCli(["check", "--content", "/nonexistent/khotin"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /the content folder "\/nonexistent\/khotin" does not exist/);
  });

  it("prints help with exit code 0", () => {
    const run = runCli(["--help"]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--skip-invalid/);
  });

  it("check: validates, reports every error in compiler style, exits with 1 and writes no site", () => {
    const dir = writeContent({
      "a.md": article("A", "2022-13-45"),
      "b.md": "---\ntitle: B\n---\n",
      "c.md": article("C", "2022-07-01"),
    });
    const run = runCli(["check", "--content", "."], dir);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stderr.trim().split("\n"), [
      'a.md:3:7: error: date "2022-13-45" is not a valid date: write a real day as YYYY-MM-DD, or a date-time such as 2022-07-01T08:00:00+07:00 [schema/date]',
      "b.md:1:1: error: date is missing: add date: 2022-07-01 [schema/date]",
    ]);
    assert.equal(run.stdout.trim(), "3 files checked: 1 article, 0 drafts, 2 errors, 0 warnings");
    assert.equal(existsSync(path.join(dir, "_site")), false);
  });

  it("check: exits with 0 on valid content, printing warnings", () => {
    const dir = writeContent({ "a.md": article("A", "2022-07-01", "tittle: x\n") });
    const run = runCli(["check", "--content", dir]);
    assert.equal(run.status, 0);
    assert.match(run.stderr, /warning: unknown key "tittle" is ignored: did you mean "title"\? \[schema\/unknown-key\]/);
  });

  it("build: with errors, exits with 1 and leaves the previous site untouched", () => {
    const dir = writeContent({ "a.md": article("A", "2022-07-01"), "b.md": article("B", "31/02/2022") });
    const out = outDir();
    mkdirSync(out);
    writeFileSync(path.join(out, "index.html"), "previous site");
    const run = runCli(["build", "--content", dir, "--out", out]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /1 errors in 1 files: nothing was written\. Fix them, or build the rest with --skip-invalid\./);
    assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), "previous site");
    assert.equal(existsSync(path.join(out, "2022")), false);
  });

  it("build: publishes an NFD file with a BOM and CRLF line endings as NFC text, body included", () => {
    const text = `\uFEFF${article("Đảng bộ tỉnh", "2022-07-01", "", "Hội nghị Đảng bộ tỉnh khai mạc.").replace(/\n/g, "\r\n")}`.normalize("NFD");
    const content = writeContent({ "2022/07/dang-bo.md": text });
    const out = outDir();
    assert.equal(runCli(["build", "--content", content, "--out", out]).status, 0);
    const html = readFileSync(path.join(out, "2022/07/dang-bo/index.html"), "utf8");
    assert.match(html, /<h1>Đảng bộ tỉnh<\/h1>/);
    assert.match(html, /<p>Hội nghị Đảng bộ tỉnh khai mạc.<\/p>/);
    assert.equal(html, html.normalize("NFC"));
  });

  it("build --skip-invalid: builds the valid articles and lists the skipped ones", () => {
    const dir = writeContent({ "a.md": article("Tin hợp lệ", "2022-07-01"), "b.md": article("B", "31/02/2022") });
    const out = outDir();
    const run = runCli(["build", "--content", dir, "--out", out, "--skip-invalid"], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^skipped: b\.md$/m);
    assert.match(run.stdout, /^2 articles → 1 page, 1 indexed, 1 skipped \(\d+\.\d s\)$/m);
    assert.match(readFileSync(path.join(out, "2022/07/a/index.html"), "utf8"), /Tin hợp lệ/);
    assert.equal(existsSync(path.join(out, "2022/07/b")), false);
    const text = readFileSync(path.join(out, ".khotin/manifest.json"), "utf8");
    const manifest = JSON.parse(text) as { articles: { file: string; status: string; url?: string }[] };
    assert.deepEqual(
      manifest.articles.map((entry) => [entry.file, entry.status, entry.url]),
      [["a.md", "published", "/2022/07/a/"], ["b.md", "skipped", undefined]],
      "the manifest accounts for every input file",
    );
    assert.deepEqual(
      text.split("\n").slice(1, -2).map((line) => JSON.parse(line.replace(/,$/, "")) as unknown),
      manifest.articles,
      "one file a line, so that a diff of two manifests shows the files that changed",
    );
  });

  it("build: publishes nothing of a draft, not even its file name in the manifest", () => {
    const dir = writeContent({ "a.md": article("Tin hợp lệ", "2022-07-01"), "tin-mat-chua-dang.md": article("Tin mật", "2022-07-02", "draft: true\n") });
    const out = outDir();
    assert.equal(runCli(["build", "--content", dir, "--out", out], dir).status, 0);
    const manifest = JSON.parse(readFileSync(path.join(out, ".khotin/manifest.json"), "utf8")) as { articles: { file: string }[] };
    assert.deepEqual(manifest.articles.map((entry) => entry.file), ["a.md"]);
    const mentions = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .filter((entry) => /tin-mat-chua-dang|Tin mật/.test(readFileSync(path.join(entry.parentPath, entry.name), "utf8")));
    assert.deepEqual(mentions, []);
  });

  it("build: warns when an address the last build published is gone, until an alias keeps it, and redirects aliases", () => {
    const content = writeContent({ "2022/07/hoi-cho.md": article("Hội chợ", "2022-07-01"), "2022/07/be-mac.md": article("Bế mạc", "2022-07-02") });
    const out = outDir();
    assert.equal(runCli(["build", "--content", ".", "--out", out], content).status, 0);
    writeFileSync(path.join(content, "2022/07/hoi-cho.md"), article("Hội chợ", "2022-08-01"));
    rmSync(path.join(content, "2022/07/be-mac.md"));
    const moved = runCli(["build", "--content", ".", "--out", out], content);
    assert.equal(moved.status, 0, "a warning, not an error");
    assert.deepEqual(moved.stderr.trim().split("\n"), [
      '2022/07/be-mac.md:1:1: warning: /2022/07/be-mac/ was published from this file, which is gone or unpublished: add aliases: ["/2022/07/be-mac/"] to the article that replaces it, so that links to it keep working [url/removed]',
      '2022/07/hoi-cho.md:1:1: warning: this article moved from /2022/07/hoi-cho/ to /2022/08/hoi-cho/: add aliases: ["/2022/07/hoi-cho/"] so that links to the old address keep working [url/moved]',
    ]);
    assert.equal(runCli(["build", "--content", ".", "--out", out], content).stderr, "", "the last build's manifest is the reference");
    writeFileSync(path.join(content, "2022/07/hoi-cho.md"), article("Hội chợ", "2022-08-01", 'aliases: ["/2022/07/hoi-cho/", "/tin/hoi-cho.html"]\n'));
    assert.equal(runCli(["build", "--content", ".", "--out", out], content).status, 0);
    const redirect = readFileSync(path.join(out, "2022/07/hoi-cho/index.html"), "utf8");
    assert.match(redirect, /<meta http-equiv="refresh" content="0; url=\/2022\/08\/hoi-cho\/">/);
    assert.match(redirect, /<link rel="canonical" href="http:\/\/localhost:8080\/2022\/08\/hoi-cho\/">/);
    assert.match(readFileSync(path.join(out, "tin/hoi-cho.html"), "utf8"), /<a href="\/2022\/08\/hoi-cho\/">Hội chợ<\/a>/);
    assert.equal(readFileSync(path.join(out, "_redirects"), "utf8"), "/2022/07/hoi-cho/ /2022/08/hoi-cho/ 301\n/tin/hoi-cho.html /2022/08/hoi-cho/ 301\n");
  });

  it("import: exits with 2 when misused", () => {
    for (const [args, message] of [
      [["import"], /import needs at least one file or folder/],
      [["import", "/nonexistent/raw"], /"\/nonexistent\/raw" does not exist/],
      [["import", ".", "--format", "word"], /--format must be one of dantri, aggregator, vntc, baomoi-paragraphs, baomoi-flat, plain/],
      [["import", ".", "--date-fallback", "1/7/2022"], /--date-fallback must be a date written as YYYY-MM-DD/],
    ] as const) {
      const run = runCli(args);
      assert.equal(run.status, 2, args.join(" "));
      assert.match(run.stderr, message);
    }
  });

  it("import: writes Markdown and a JSON report, exits with 1 when it skipped a file, and names the file and the reason", () => {
    const raw = writeContent({
      "tin.txt": "Tin thử nghiệm\n  Hà Nam\n  2 liên quanGốcHà Nam\n  Ngày 2/1/2022, một tin thử nghiệm.\n",
      "khong-ngay.txt": "Tin không ngày\n  Hà Nam\n  2 liên quanGốcHà Nam\n  Một tin không có ngày.\n",
    });
    const out = outDir();
    const report = path.join(path.dirname(out), "report.json");
    const run = runCli(["import", raw, "--out", out, "--report", report]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /khong-ngay\.txt: skipped: no date found: give one with --date-fallback=YYYY-MM-DD/);
    assert.match(run.stdout, /^2 files read: 1 written, 0 overwritten, 0 unchanged, 0 kept, 1 skipped$/m);
    assert.ok(existsSync(path.join(out, "2022/01/tin-thu-nghiem.md")));
    assert.equal((JSON.parse(readFileSync(report, "utf8")) as { outcomes: unknown[] }).outcomes.length, 2);
  });

  it("build: compiled by npm run compile, as the npm scripts run it, builds the same site as from source", () => {
    const compile = spawnSync("npm", ["run", "-s", "compile"], { cwd: repoRoot, encoding: "utf8" });
    assert.equal(compile.status, 0, compile.stderr);
    // Each with a cache of its own, so that both find related articles, render pages and index shards themselves.
    const cold = () => ({ KHOTIN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "khotin-cache-")) });
    const fixture = path.join(import.meta.dirname, "fixtures", "archive");
    const [source, compiled] = [outDir(), outDir()];
    assert.equal(runCli(["build", "--content", fixture, "--out", source], repoRoot, cold()).status, 0);
    const run = runCli(["build", "--content", fixture, "--out", compiled], repoRoot, cold(), COMPILED);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^62 articles → 62 pages, 62 indexed, 0 skipped/m);
    assert.deepEqual(differences(compiled, source), []);
  });
});

describe("interrupted builds", () => {
  it("leave the previous site whole when killed, and the next build succeeds", async () => {
    const fixture = path.join(import.meta.dirname, "fixtures", "archive");
    const out = outDir();
    assert.equal(runCli(["build", "--content", fixture, "--out", out]).status, 0);
    const before = readFileSync(path.join(out, "index.html"), "utf8");
    for (const signal of ["SIGINT", "SIGKILL"] as const) {
      const build = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "src/cli/main.ts"), "build", "--content", fixture, "--out", out], { stdio: "ignore" });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      build.kill(signal);
      await new Promise((resolve) => build.once("exit", resolve));
      assert.equal(readFileSync(path.join(out, "index.html"), "utf8"), before, `after ${signal}`);
      assert.ok(existsSync(path.join(out, "pagefind/shards.json")), `after ${signal}`);
    }
    assert.equal(runCli(["build", "--content", fixture, "--out", out]).status, 0);
    assert.deepEqual(readdirSync(path.dirname(out)), ["site"], "no work folder left behind");
  });
});
