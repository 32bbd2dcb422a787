import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { get } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { repoRoot } from "./helpers/cli.ts";
import { article, writeContent } from "./helpers/content.ts";

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** GETs a URL as a browser tab would; fetch() cannot, as it always sends `sec-fetch-mode: cors`. */
function navigate(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "sec-fetch-mode": "navigate" } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

/** Fetches a URL until `accept` likes the answer, or fails after `seconds`. */
async function poll(url: string, accept: (status: number, body: string) => boolean, seconds = 30): Promise<string> {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(250)) {
    // The dev server adds its live-reload client only to pages a browser navigates to.
    const response = await navigate(url).catch(() => undefined);
    if (response && accept(response.status, response.body)) return response.body;
  }
  throw new Error(`${url} did not give the expected answer within ${seconds} s`);
}

describe("npm start (khotin serve)", () => {
  it("serves the site with search and live reload, and rebuilds when an article is added", async () => {
    const content = writeContent({ "a.md": article("Tin thứ nhất", "2022-07-01") });
    const port = await freePort();
    const server = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "src/cli/main.ts"), "serve", "--content", content, "--out", path.join(content, "..", `${path.basename(content)}-site`), "--port", String(port)], { stdio: "ignore" });
    try {
      const origin = `http://localhost:${port}`;
      const home = await poll(`${origin}/`, (status, body) => status === 200 && body.includes("Tin thứ nhất"));
      assert.match(home, /<script[^>]+reload/i, `the dev server injects its live-reload client:\n${home}`);
      await poll(`${origin}/pagefind/pagefind.js`, (status) => status === 200);
      writeFileSync(path.join(content, "b.md"), article("Tin mới thêm", "2023-01-01"));
      await poll(`${origin}/`, (_, body) => body.includes("Tin mới thêm"));
      await poll(`${origin}/2023/01/b/`, (status) => status === 200);
    } finally {
      server.kill("SIGINT");
    }
  });
});
