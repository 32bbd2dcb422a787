import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";

/** Whether a hast node is only whitespace, which Markdown leaves around an image in its paragraph. */
function isBlank(node: ElementContent): boolean {
  return node.type === "text" && node.value.trim() === "";
}

/**
 * Turns a paragraph that holds nothing but a titled image, `![alt](src "caption")`, into
 * `<figure><img><figcaption>caption</figcaption></figure>`, the convention of pandoc and
 * Hugo for figures, so that a caption reads as a caption and is written once.
 */
export default function rehypeFigure() {
  return (tree: Root): void => {
    visit(tree, "element", (node: Element, index, parent) => {
      if (node.tagName !== "p" || !parent || index === undefined) return;
      const content = node.children.filter((child) => !isBlank(child));
      const image = content[0];
      if (content.length !== 1 || image?.type !== "element" || image.tagName !== "img") return;
      const caption = image.properties.title;
      if (typeof caption !== "string" || caption.trim() === "") return;
      const { title: _title, ...properties } = image.properties;
      parent.children[index] = {
        type: "element",
        tagName: "figure",
        properties: {},
        children: [
          { ...image, properties },
          { type: "element", tagName: "figcaption", properties: {}, children: [{ type: "text", value: caption }] },
        ],
      };
    });
  };
}
