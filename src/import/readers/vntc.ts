import { cleanLines, firstSentence, nonBlank, takeByline, toBlocks } from "../clean.ts";
import { datelineDate } from "../dates.ts";
import { infer, inferDate, type ImportedArticle, type Reader } from "../types.ts";

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

/** A dateline inside line 1 ("… Ngày 6-1, …"): in Người Lao Động files it starts the lead that follows the title. */
const RUN_IN_DATELINE = /\s(?=(?:Sáng|Chiều|Trưa|Tối|Đêm|Ngày|Rạng sáng|Hôm qua|Hôm nay)\s+(?:nay\s+)?\(?\d{1,2}[-/.]\d{1,2}\b)/u;

/** Where a run-in dateline may start and still end a title, in characters: titles are 15 to 200 characters long. */
const RUN_IN_TITLE = { shortest: 15, longest: 200 };

/** Where the title in line 1 ends and the body begins, when the two run together: at the agency tag, or at a dateline. */
function runInSplit(first: string): { title: string; body: string; origin: string } | undefined {
  const tag = AGENCY_TAG.exec(first);
  if (tag) return { title: first.slice(0, tag.index), body: first.slice(tag.index + tag[0].length), origin: "line 1, split at the agency tag" };
  const dateline = RUN_IN_DATELINE.exec(first);
  if (dateline && dateline.index >= RUN_IN_TITLE.shortest && dateline.index <= RUN_IN_TITLE.longest && first.length > TITLE_LENGTH / 2) {
    return { title: first.slice(0, dateline.index), body: first.slice(dateline.index + 1), origin: "line 1, split at the dateline" };
  }
  return undefined;
}

/** The longest line 1 read as a title when it stands alone: VnExpress and Tuổi Trẻ titles are about 40 characters, and longer first lines are leads. */
const TITLE_LENGTH = 160;

/**
 * The VNTC corpus layout: `<Topic>/<XX>_<PAPER>_ (<n>).txt`, title on line 1, then
 * paragraphs. In most Người Lao Động files the title runs into the body on line 1: it is
 * split off at the paper's agency tag or a dateline when there is one, and otherwise derived
 * from the first sentence (with the whole line kept as the body) and marked for review. A
 * line 1 that opens with a dash ("- Ngày 10.3, …") is Thanh Niên's lead, not a title.
 */
export const vntcReader: Reader = {
  format: "vntc",
  detect: (file) => FILE_NAME.test(file.path),
  read: (file) => {
    const lines = nonBlank(cleanLines(file.text));
    const article: ImportedArticle = { body: [], origins: {}, review: [] };
    const first = lines[0] ?? "";
    const split = runInSplit(first);
    let bodyLines = lines.slice(1);
    if (split) {
      article.title = split.title;
      article.origins.title = split.origin;
      bodyLines = [split.body, ...bodyLines];
    } else if (lines.length > 1 && first.length <= TITLE_LENGTH && !/^[-–—]\s/u.test(first)) {
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
    inferDate(article, datelineDate(body[0] ?? ""));
    return article;
  },
};
