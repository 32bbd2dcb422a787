import { cleanLines, firstSentence, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { datelineDate, statedYear } from "../dates.ts";
import { infer, type ImportedArticle, type Reader } from "../types.ts";

/** VNTC's topic folders (ASCII in the corpus) and the sections they name. */
const TOPICS: Record<string, string> = {
  "Chinh tri Xa hoi": "Chính trị - Xã hội",
  "Doi song": "Đời sống",
  "Khoa hoc": "Khoa học",
  "Kinh doanh": "Kinh doanh",
  "Phap luat": "Pháp luật",
  "Suc khoe": "Sức khỏe",
  "The gioi": "Thế giới",
  "The thao": "Thể thao",
  "Van hoa": "Văn hóa",
  "Vi tinh": "Vi tính",
};

/** The papers VNTC's file names abbreviate: `XH_NLD_ (3672).txt` is from Người Lao Động. */
const PAPERS: Record<string, string> = { VNE: "VnExpress", TT: "Tuổi Trẻ", TN: "Thanh Niên", NLD: "Người Lao Động" };

/** A VNTC file name: topic code, paper code, number. */
const FILE_NAME = /(?:^|\/)[A-Z]{2}_ ?(VNE|TT|TN|NLD)_ ?\(\d+\)\.txt$/;

/** The agency tag with which a paper opens its lead, "(NLĐ)-": where a title run into the body ends. */
const AGENCY_TAG = /\s\((?:NLĐ|TTO|TN|VnExpress|VNE)\)\s*[-–—]\s*/u;

/** The longest line 1 read as a title when it stands alone. */
const TITLE_LENGTH = 250;

/**
 * The VNTC corpus layout: `<Topic>/<XX>_<PAPER>_ (<n>).txt`, title on line 1, then
 * paragraphs. In some files the title runs into the body on one line: it is split off at
 * the paper's agency tag when there is one, and otherwise derived from the first sentence
 * (with the whole line kept as the body) and marked for review.
 */
export const vntcReader: Reader = {
  format: "vntc",
  detect: (file) => FILE_NAME.test(file.path),
  read: (file) => {
    const lines = nonBlank(cleanLines(file.text));
    const article: ImportedArticle = { body: [], origins: {}, review: [] };
    const first = lines[0] ?? "";
    const tag = AGENCY_TAG.exec(first);
    let bodyLines = lines.slice(1);
    if (tag) {
      article.title = first.slice(0, tag.index);
      article.origins.title = "line 1, split at the agency tag";
      bodyLines = [first.slice(tag.index + tag[0].length), ...bodyLines];
    } else if (lines.length > 1 && first.length <= TITLE_LENGTH) {
      article.title = first;
      article.origins.title = "line 1";
    } else {
      bodyLines = lines;
    }
    const { body, author } = takeByline(bodyLines);
    article.body = toBlocks(body);
    if (!article.title) {
      article.title = firstSentence(article.body);
      article.origins.title = "first sentence";
      article.review.push("the title runs into the body in the raw file: it is derived from the first sentence");
    }
    infer(article, "author", author, "byline");
    infer(article, "category", TOPICS[file.path.split("/").at(-2) ?? ""], "folder");
    const paper = PAPERS[FILE_NAME.exec(file.path)?.[1] ?? ""];
    infer(article, "source", paper ? { name: paper } : undefined, "file name code");
    const found = datelineDate(body[0] ?? "", statedYear(body.join("\n")));
    infer(article, "date", found?.date, found?.origin ?? "");
    return article;
  },
};
