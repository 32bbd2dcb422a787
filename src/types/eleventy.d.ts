// Eleventy 3 ships JavaScript without type declarations; this declares the programmatic API khotin uses.
// https://www.11ty.dev/docs/programmatic/
declare module "@11ty/eleventy" {
  import type { EleventyConfig } from "../site/eleventy-types.ts";

  /** Options of the programmatic API. */
  export interface EleventyOptions {
    /** The configuration file; `false` reads none. */
    configPath?: string | false;
    quietMode?: boolean;
    pathPrefix?: string;
    runMode?: "build" | "watch" | "serve";
    config?: (eleventyConfig: EleventyConfig) => void | Promise<void>;
  }

  /** An Eleventy project: build it once with write(), or watch() and serve() it. */
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    disableLogger(): void;
  }
}

// The RSS plugin is an Eleventy plugin function; khotin only hands it to addPlugin.
// https://www.11ty.dev/docs/plugins/rss/
declare module "@11ty/eleventy-plugin-rss" {
  import type { EleventyConfig } from "../site/eleventy-types.ts";

  /** Adds the feed filters (htmlToAbsoluteUrls and others) and Eleventy's HTML base plugin. */
  export default function pluginRss(eleventyConfig: EleventyConfig, options?: object): void;
}

// Eleventy Image: the part of its API khotin uses.
// https://www.11ty.dev/docs/plugins/image/
declare module "@11ty/eleventy-img" {
  /** One rendition of an image, in one format and width. */
  export interface ImageRendition {
    format: string;
    width: number;
    height: number;
    url: string;
    filename: string;
    outputPath: string;
  }

  /** Every rendition, by format. */
  export type ImageMetadata = Record<string, ImageRendition[]>;

  /** Makes the renditions of an image (or finds them in its disk cache). */
  function Image(src: string, options: { widths: number[]; formats: string[]; outputDir: string; urlPath: string }): Promise<ImageMetadata>;
  namespace Image {
    /** `<picture>` markup for the renditions; `alt` is required. */
    function generateHTML(metadata: ImageMetadata, attributes: Record<string, string> & { alt: string }): string;
  }
  export default Image;
}
