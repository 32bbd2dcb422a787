import { decode } from "cborg";
import { gunzipSync } from "node:zlib";
import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2];
const meta = readdirSync(dir).find((f) => f.endsWith(".pf_meta"));
const v = decode(gunzipSync(readFileSync(`${dir}/${meta}`)).subarray(12), { useMaps: false });
for (const i of [0, 1, 2, v[1].length - 1]) {
  const [hash, wc, x] = v[1][i];
  const raw = gunzipSync(readFileSync(`${dir}/fragment/${hash}.pf_fragment`));
  const f = JSON.parse(raw.subarray(12).toString());
  console.log(i, hash, wc, JSON.stringify(x), f.url, f.word_count, Object.keys(f), JSON.stringify(f.meta).slice(0, 200), JSON.stringify(f.filters), f.content.slice(0, 80));
}
console.log(JSON.stringify(v[4]).slice(0, 200));
