import { readFileSync } from "node:fs";
import { serveFolder } from "../tests/helpers/static-server.ts";
import { launchChromium } from "../tests/helpers/browser.ts";
const server = await serveFolder(process.argv[2]!);
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(server.origin + "/404.html");
console.log(JSON.stringify(await page.evaluate(readFileSync("/tmp/probe.js", "utf8")), null, 0));
await browser.close(); await server.close();
