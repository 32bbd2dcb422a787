import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSlug, slugifyVietnamese } from "../src/content/slug.ts";

describe("slugifyVietnamese", () => {
  const cases: [string, string][] = [
    ["Chính trị", "chinh-tri"],
    ["Đỗ Đức Hà", "do-duc-ha"],
    ["đường Điện Biên Phủ", "duong-dien-bien-phu"],
    ["Ưu tiên ứng phó bão số 3", "uu-tien-ung-pho-bao-so-3"],
    ["Sức khỏe & Đời sống", "suc-khoe-doi-song"],
    ["Đổi mới phương thức hoạt động, nâng chất lượng công tác tuyên giáo", "doi-moi-phuong-thuc-hoat-dong-nang-chat-luong-cong-tac-tuyen-giao"],
    ["  “Hà Nội” — 2022!  ", "ha-noi-2022"],
    ["iPhone 14 Pro", "iphone-14-pro"],
    ["T.Ư 4 (khóa XIII)", "t-u-4-khoa-xiii"],
  ];
  for (const [text, slug] of cases) it(`"${text}" → ${slug}`, () => assert.equal(slugifyVietnamese(text), slug));

  it("gives the same slug for NFD input", () => {
    assert.equal(slugifyVietnamese("Đỗ Đức Hà".normalize("NFD")), "do-duc-ha");
  });

  it("gives an empty slug for text with no letters or digits", () => assert.equal(slugifyVietnamese("!!! …"), ""));
});

describe("isSlug", () => {
  it("accepts slugs and rejects anything else", () => {
    assert.equal(isSlug("chinh-tri-2022"), true);
    for (const text of ["Chinh-tri", "chính-trị", "a--b", "-a", "a b", ""]) assert.equal(isSlug(text), false, text);
  });
});
