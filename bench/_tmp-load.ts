import { loadArchive } from "../src/content/archive.ts";
const t0 = performance.now();
const a = await loadArchive(process.argv[2]!);
console.log("load", ((performance.now() - t0) / 1000).toFixed(1), "s", a.articles.length);
