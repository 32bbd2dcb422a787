import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { archiveDay, formatVietnameseDate, isoDateTime, parseArchiveDate, suggestIsoDate } from "../src/content/date.ts";

const originalTimeZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTimeZone;
});

/** Machines that build sites run in every time zone; none may move an article to another day. */
const MACHINE_TIME_ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Ho_Chi_Minh"];

describe("archive dates", () => {
  for (const zone of MACHINE_TIME_ZONES) {
    it(`keeps a calendar date on its day when the machine is in ${zone}`, () => {
      process.env.TZ = zone;
      const date = parseArchiveDate("2022-07-01")!;
      assert.equal(date.toISOString(), "2022-06-30T17:00:00.000Z");
      assert.deepEqual(archiveDay(date), { year: "2022", month: "07", day: "01" });
      assert.equal(formatVietnameseDate(date), "Thứ Sáu, 01/07/2022");
      assert.equal(isoDateTime(date), "2022-07-01T00:00:00+07:00");
    });
  }

  it("reads a date-time without an offset as Asia/Ho_Chi_Minh time", () => {
    assert.equal(parseArchiveDate("2022-07-01T23:30:00")!.toISOString(), "2022-07-01T16:30:00.000Z");
    assert.equal(parseArchiveDate("2022-07-01 23:30")!.toISOString(), "2022-07-01T16:30:00.000Z");
  });

  it("uses the time-zone database before 1975, when Saigon was UTC+8", () => {
    const date = parseArchiveDate("1970-01-01")!;
    assert.equal(date.toISOString(), "1969-12-31T16:00:00.000Z");
    assert.deepEqual(archiveDay(date), { year: "1970", month: "01", day: "01" });
  });

  it("keeps an explicit offset, and files the article under its day in Việt Nam", () => {
    const date = parseArchiveDate("2022-06-30T20:00:00Z")!;
    assert.deepEqual(archiveDay(date), { year: "2022", month: "07", day: "01" });
    assert.equal(formatVietnameseDate(date), "Thứ Sáu, 01/07/2022");
  });

  it("moves the last evening of a month into the next month's archive when given in UTC", () => {
    assert.deepEqual(archiveDay(parseArchiveDate("2021-12-31T18:00:00+00:00")!), { year: "2022", month: "01", day: "01" });
  });

  it("rejects impossible and ambiguous dates", () => {
    for (const text of ["2022-13-45", "2022-02-29", "2022-02-30", "31/02/2022", "2022-7-1", "2022", "2022-07", "hôm nay", "2022-07-01T25:00"]) {
      assert.equal(parseArchiveDate(text), undefined, text);
    }
    assert.ok(parseArchiveDate("2024-02-29"), "a leap day exists in 2024");
  });

  it("suggests the ISO form of a real day-first date only", () => {
    assert.equal(suggestIsoDate("1/7/2022"), "2022-07-01");
    assert.equal(suggestIsoDate("31/02/2022"), undefined);
    assert.equal(suggestIsoDate("2022-07-01"), undefined);
  });

  it("names every weekday in Vietnamese", () => {
    const week = ["2022-07-04", "2022-07-05", "2022-07-06", "2022-07-07", "2022-07-08", "2022-07-09", "2022-07-10"];
    assert.deepEqual(
      week.map((day) => formatVietnameseDate(parseArchiveDate(day)!).split(",")[0]),
      ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"],
    );
  });
});
