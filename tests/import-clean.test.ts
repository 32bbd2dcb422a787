import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanLine, firstSentence, parseByline, takeByline, toBlocks } from "../src/import/clean.ts";
import { datelineDate, urlTimestamp } from "../src/import/dates.ts";
import { joinSplitLines } from "../src/import/readers/baomoi.ts";
import { titleFromSlug, urlSlugWords } from "../src/import/slug-title.ts";
import { province, publisherName, sectionFromUrl } from "../src/import/sources.ts";

describe("the shared cleaner", () => {
  it("cleans a line: entities, invisible characters, spaces, NFC", () => {
    assert.equal(cleanLine(" \tTin &quot;nóng&quot;\u200b\u00a0 hôm nay  "), "Tin \"nóng\" hôm nay");
    assert.equal(cleanLine("Đà Nẵng".normalize("NFD")), "Đà Nẵng");
  });

  it("keeps a caption repeated on the next line once, as a caption", () => {
    assert.deepEqual(toBlocks(["Đoạn một.", "Quang cảnh hội nghị.", "Quang cảnh hội nghị.", "Đoạn hai."]), [
      { kind: "paragraph", text: "Đoạn một." },
      { kind: "caption", text: "Quang cảnh hội nghị." },
      { kind: "paragraph", text: "Đoạn hai." },
    ]);
  });

  it("never drops a repeated line that is not words, such as a table cell", () => {
    assert.deepEqual(toBlocks(["12", "12"]), [
      { kind: "paragraph", text: "12" },
      { kind: "paragraph", text: "12" },
    ]);
  });

  it("reads a short line that ends with a photo credit as a caption", () => {
    assert.equal(toBlocks(["Bộ trưởng phát biểu (Ảnh: Minh Anh)."])[0]?.kind, "caption");
  });

  const bylines: [string, string[] | undefined, string?][] = [
    ["Tin, ảnh: Quốc Trường", ["Quốc Trường"]],
    ["Bài và ảnh: Minh Anh, Hòa Lê", ["Minh Anh", "Hòa Lê"]],
    ["Hoàng Phong - Hiểu Minh", ["Hoàng Phong", "Hiểu Minh"]],
    ["Hòa Lê (T/h)", ["Hòa Lê"], "(T/h)"],
    ["Nhật LinhTheo CNBC", ["Nhật Linh"], "Theo CNBC"],
    ["Trần Ngọc/VOV.VN", ["Trần Ngọc"], "VOV.VN"],
    ["T.Thủy", ["T.Thủy"]],
    ["Theo Dân Việt", undefined],
    ["Hà Nội", undefined],
    ["Giá xăng giảm mạnh.", undefined],
    ["Volvo XC90 T8", undefined],
    ["Ảnh: Minh Anh Chiều nay, hội chợ nông sản mở cửa ở Đà Nẵng. Ban tổ chức cho biết", undefined],
  ];
  for (const [line, names, credit] of bylines) {
    it(`byline "${line}"`, () => {
      const byline = parseByline(line);
      assert.deepEqual(byline?.names, names);
      assert.equal(byline?.credit, credit);
    });
  }

  it("joins a byline split over lines, and keeps its credit as the last paragraph", () => {
    assert.deepEqual(takeByline(["Nội dung.", "Hòa Lê", "(", "T/h", ")"]), { body: ["Nội dung.", "(T/h)"], author: ["Hòa Lê"] });
    assert.deepEqual(takeByline(["Nội dung.", "Mi Vân", "Theo Pop"]), { body: ["Nội dung.", "Theo Pop"], author: ["Mi Vân"] });
    assert.deepEqual(takeByline(["Nội dung dài không có tác giả."]), { body: ["Nội dung dài không có tác giả."] });
  });

  it("derives a title from the first sentence of the first paragraph, without an agency tag", () => {
    assert.equal(firstSentence([{ kind: "paragraph", text: "(Dân trí) - Hà Nội mưa lớn. Nhiều tuyến phố ngập." }]), "Hà Nội mưa lớn");
  });
});

describe("dates found in raw text", () => {
  it("reads datelines, with the year from the dateline or from the same paragraph only", () => {
    assert.deepEqual(datelineDate("Ngày 20/11/2021, hội nghị khai mạc."), { date: "2021-11-20", origin: "dateline" });
    assert.deepEqual(datelineDate("Chiều 1/7, hội nghị sơ kết 6 tháng đầu năm 2022."), {
      date: "2022-07-01",
      origin: "dateline + year stated in text",
      review: "the year of the date is the one the text states",
    });
    assert.equal(datelineDate("Sáng 6.2, phiên khai xuân diễn ra."), undefined, "no year, no date");
    assert.equal(datelineDate("Hội nghị diễn ra ngày 1/7 năm 2022."), undefined, "not a dateline: it does not open the paragraph");
    assert.equal(datelineDate("Ngày 31/2/2022, không có ngày này."), undefined);
  });

  it("takes no year that no article can be published in: before the first Vietnamese newspaper (1865), or after next year", () => {
    assert.equal(datelineDate("Ngày 9/8/1173, vua Lý Anh Tông lên ngôi."), undefined, "history in a dateline");
    assert.equal(datelineDate("Chiều 24/6, bế mạc kỳ thi năm 2917."), undefined, "a typo, and no other year stated");
    assert.deepEqual(datelineDate("Chiều 24/6, kỳ thi năm 2917 (tức năm 2017) kết thúc."), {
      date: "2017-06-24",
      origin: "dateline + year stated in text",
      review: "the year of the date is the one the text states",
    });
    assert.deepEqual(datelineDate("Ngày 1/1/1865, Gia Định báo ra số đầu."), { date: "1865-01-01", origin: "dateline" });
  });

  it("reads a news URL's timestamp as Asia/Ho_Chi_Minh wall-clock time", () => {
    assert.deepEqual(urlTimestamp("https://dantri.com.vn/the-gioi/x-20201001182039979.htm"), { date: "2020-10-01T18:20:39", origin: "url timestamp" });
    assert.equal(urlTimestamp("https://dantri.com.vn/the-gioi/x-20201301182039979.htm"), undefined);
  });
});

describe("sources", () => {
  it("names sections from URL paths, provinces, and provincial papers", () => {
    assert.equal(sectionFromUrl("http://baobacgiang.com.vn/bg/chinh-tri/386578/x.html"), "Chính trị");
    assert.equal(province("Bac Giang"), "Bắc Giang");
    assert.deepEqual(publisherName("Bắc Giang", "http://baobacgiang.com.vn/bg/x.html"), { name: "Báo Bắc Giang", origin: "source line + url host" });
    assert.deepEqual(publisherName("Dân trí", "https://dantri.com.vn/x.htm"), { name: "Dân Trí", origin: "url host" });
    assert.deepEqual(publisherName("Tiền Phong", undefined), { name: "Tiền Phong", origin: "source line" });
  });
});

describe("baomoi line joins", () => {
  it("joins lines split at inline tags, without a space before closing punctuation", () => {
    assert.deepEqual(joinSplitLines(["Trao đổi với ", "phóng viên, ông cho biết", "\"Poker face\"", ", là bài hát", "Đoạn mới."]), [
      "Trao đổi với phóng viên, ông cho biết",
      "\"Poker face\", là bài hát",
      "Đoạn mới.",
    ]);
  });
});

describe("headlines restored from URL slugs", () => {
  const url = "https://dantri.com.vn/the-gioi/nhieu-nuoc-chau-au-noi-long-han-che-di-lai-20210501080000456.htm";
  it("takes the accents of each run of slug words from the text", () => {
    assert.deepEqual(urlSlugWords(url), ["nhieu", "nuoc", "chau", "au", "noi", "long", "han", "che", "di", "lai"]);
    assert.equal(titleFromSlug(url, "Nhiều nước châu Âu đã bắt đầu nới lỏng các hạn chế đi lại."), "Nhiều nước châu Âu nới lỏng hạn chế đi lại");
  });

  it("gives up when the text does not hold the slug's words in runs", () => {
    assert.equal(titleFromSlug(url, "Châu Âu: nhiều nước nới lỏng đi lại, hạn chế lại."), undefined);
    assert.equal(titleFromSlug(url, "Một bài khác hẳn."), undefined);
  });
});

describe("derived titles", () => {
  it("skip a paragraph that opens with a connective", () => {
    const blocks = [
      { kind: "paragraph", text: "Tuy nhiên, kết quả vẫn chưa rõ. Các nhà khoa học tiếp tục." },
      { kind: "paragraph", text: "Vi khuẩn mới được tìm thấy dưới đáy biển. Đây là phát hiện lớn." },
    ] as const;
    assert.equal(firstSentence(blocks), "Vi khuẩn mới được tìm thấy dưới đáy biển");
  });
});
