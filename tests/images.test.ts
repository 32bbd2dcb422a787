import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import sharp from "sharp";
import { localImageFile } from "../src/site/images.ts";
import { brokenLinks } from "./helpers/crawl.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";

describe("localImageFile", () => {
  const content = "/site/content";
  const article = "/site/content/2022/07/bai.md";
  it("finds root paths in the content folder and relative ones beside the article", () => {
    assert.equal(localImageFile("/images/a.jpg", article, content), "/site/content/images/a.jpg");
    assert.equal(localImageFile("anh%20mot.jpg?v=2", article, content), "/site/content/2022/07/anh mot.jpg");
  });
  it("leaves remote images, and paths that leave the content folder, alone", () => {
    for (const src of ["https://example.com/a.jpg", "//cdn.example.com/a.jpg", "data:image/png;base64,AA", "../../../../etc/passwd"]) {
      assert.equal(localImageFile(src, article, content), undefined, src);
    }
  });
});

/** A picture of our own, drawn at test time: a gradient of the given size. */
function drawPicture(file: string, width: number, height: number): Promise<unknown> {
  const pixels = Buffer.alloc(width * height * 3, 0).map((_, index) => (index * 7) % 256);
  mkdirSync(path.dirname(file), { recursive: true });
  return sharp(pixels, { raw: { width, height, channels: 3 } }).toFile(file);
}

describe("an article's local images", () => {
  let content: string;
  let site: BuiltSite;
  const cache = { KHOTIN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "khotin-cache-")) };
  const url = "/2022/07/anh-hoi-nghi/";
  before(async () => {
    content = mkdtempSync(path.join(tmpdir(), "khotin-images-"));
    await drawPicture(path.join(content, "images/quang-canh.jpg"), 1600, 900);
    await drawPicture(path.join(content, "images/dai-bieu.png"), 640, 480);
    await drawPicture(path.join(content, "2022/07/canh-dep.jpg"), 300, 200);
    writeFileSync(
      path.join(content, "2022/07/anh-hoi-nghi.md"),
      [
        "---",
        'title: "Hội nghị có ảnh"',
        "date: 2022-07-01",
        'image: { src: "/images/quang-canh.jpg", alt: "Quang cảnh hội nghị", caption: "Quang cảnh <hội nghị>." }',
        "---",
        "",
        "Đoạn mở đầu.",
        "",
        '![Đại biểu phát biểu](/images/dai-bieu.png "Đại biểu phát biểu tại hội nghị.")',
        "",
        "Ảnh nhỏ ![cảnh](canh-dep.jpg) giữa dòng, ảnh ngoài ![ngoài](https://example.com/ngoai.jpg), và ảnh thiếu ![thiếu](/images/khong-co.jpg).",
        "",
      ].join("\n"),
    );
    site = buildFixtureSite(content, cache);
  });

  it("shows the lead image first, eager, with its caption escaped", () => {
    const lead = /<figure class="lead-image"><picture>([\s\S]*?)<\/picture><figcaption>(.*?)<\/figcaption><\/figure>/.exec(site.page(url));
    assert.ok(lead, "a lead figure");
    assert.match(lead[1]!, /<source type="image\/webp" srcset="\/img\/[\w-]+-480\.webp 480w, \/img\/[\w-]+-800\.webp 800w, \/img\/[\w-]+-1200\.webp 1200w"/);
    assert.match(lead[1]!, /<img[^>]+loading="eager"/);
    assert.match(lead[1]!, /alt="Quang cảnh hội nghị"/);
    assert.match(lead[1]!, /width="1200" height="675"/, "its proportions are known before the picture loads, so nothing shifts");
    assert.equal(lead[2], "Quang cảnh &lt;hội nghị&gt;.");
  });

  it("makes body images responsive and lazy, keeping captions, and leaves remote images alone", () => {
    const html = site.page(url);
    assert.match(html, /<figure><picture>[\s\S]*?alt="Đại biểu phát biểu"[^>]*loading="lazy"[\s\S]*?<\/picture><figcaption>Đại biểu phát biểu tại hội nghị.<\/figcaption><\/figure>/);
    // No rendition is wider than its source: a 300 px picture gets one width.
    assert.match(html, /<picture><source type="image\/webp" srcset="\/img\/[\w-]+-300\.webp 300w"[^>]*>[^]*?alt="cảnh"/);
    assert.match(html, /<img src="https:\/\/example\.com\/ngoai\.jpg" alt="ngoài">/);
  });

  it("publishes every rendition it links, and names the missing image in a warning", () => {
    assert.ok(readdirSync(path.join(site.dir, "img")).length >= 8);
    assert.deepEqual(brokenLinks(site.dir), [`${url}index.html → /images/khong-co.jpg`]);
    // Line 11 of the file, where the path starts after "![thiếu](".
    const column = "Ảnh nhỏ ![cảnh](canh-dep.jpg) giữa dòng, ảnh ngoài ![ngoài](https://example.com/ngoai.jpg), và ảnh thiếu ![thiếu](".length + 1;
    assert.match(site.run.stderr, new RegExp(`anh-hoi-nghi\\.md:11:${column}: warning: image "/images/khong-co\\.jpg" is not in the content folder: .* \\[image/missing\\]`));
  });

  it("makes each rendition once: a second build takes them from the cache", () => {
    const renditions = path.join(cache.KHOTIN_CACHE_DIR, "images");
    const times = () => readdirSync(renditions).map((name) => statSync(path.join(renditions, name)).mtimeMs);
    const first = times();
    const again = buildFixtureSite(content, cache);
    assert.deepEqual(times(), first);
    assert.equal(again.page(url), site.page(url));
  });
});
