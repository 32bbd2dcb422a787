/** The data Eleventy hands to a template, as far as khotin reads it. */
export interface TemplateData {
  /** The entry a paginated page template is showing (an article page, a listing page, an index, a year…). */
  entry?: { url: string };
  pageUrl?: string;
}

/** What the `eleventy.before` and `eleventy.after` events tell of the build. */
export interface BuildEvent {
  directories: { input: string; output: string };
  runMode: "build" | "watch" | "serve";
}

/** The part of Eleventy's configuration API (`UserConfig`) that khotin uses. */
export interface EleventyConfig {
  directories: { input: string; output: string };
  globalData: Record<string, unknown>;
  /** The path prefix of the build, `/` by default; set once plugins run. */
  pathPrefix: string;
  ignores: { add(glob: string): void };
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
  addPlugin(plugin: unknown, options?: object): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  addTemplate(virtualPath: string, content: string, data: Record<string, unknown>): void;
  addWatchTarget(target: string): void;
  setUseGitIgnore(use: boolean): void;
  setIncludesDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  setQuietMode(quiet: boolean): void;
  on(event: "eleventy.before" | "eleventy.after", listener: (event: BuildEvent) => unknown): void;
}
