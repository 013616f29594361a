import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { defineConfig, type DefaultTheme } from "vitepress";

type GeneratedPage = DefaultTheme.SidebarItem & { link: string; source: string };

interface Generated {
  deploy: GeneratedPage[];
  packages: GeneratedPage[];
  reference: DefaultTheme.SidebarItem[];
}

// What scripts/build.mjs generated from the repository (deploy and package READMEs, the API reference).
const generatedFile = new URL("./generated.json", import.meta.url);
const generated: Generated = existsSync(generatedFile)
  ? JSON.parse(readFileSync(generatedFile, "utf8"))
  : { deploy: [], packages: [], reference: [] };

// A page links a README of the repository by its path, which works on GitHub; on the site, the page made from it.
const pageOfSource = new Map([...generated.deploy, ...generated.packages].map((page) => [page.source, page.link]));

/** A link from a page (docs/<relativePath>) to a repository file that the site has as a page, pointed at that page. */
function siteLink(relativePath: string, href: string): string | undefined {
  if (/^[a-z]+:/i.test(href) || href.startsWith("#")) return undefined;
  const [path = "", anchor] = href.split("#");
  const link = pageOfSource.get(posix.normalize(posix.join("docs", posix.dirname(relativePath), path)));
  return link && `${link}${anchor ? `#${anchor}` : ""}`;
}

/** Header ids as GitHub makes them, so that a link with an anchor works on the site and in the repository alike. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

// VitePress: Markdown pages as they are on GitHub, a static build with local search and no
// network at build or run time, on Node 20 (Starlight's Astro 7 wants Node 22; Docusaurus brings React and a much larger build).
export default defineConfig({
  title: "Skyport",
  description: "Write a serverless service once; run it unchanged on AWS Lambda, Google Cloud Functions and Azure Functions.",
  lang: "en",
  srcExclude: ["**/node_modules/**", "scripts/**", "test/**"],
  lastUpdated: false,
  markdown: {
    anchor: { slugify: githubSlug },
    config(md) {
      md.core.ruler.push("repository-links", (state) => {
        for (const child of state.tokens.flatMap((token) => token.children ?? [])) {
          const href = child.type === "link_open" ? child.attrGet("href") : null;
          const link = href && siteLink(state.env.relativePath, href);
          if (link) child.attrSet("href", link);
        }
      });
    },
  },
  // The local search index is one chunk of about 1 MB, loaded only when the search opens.
  vite: { build: { chunkSizeWarningLimit: 2048 } },
  themeConfig: {
    search: { provider: "local" },
    outline: { level: [2, 3] },
    nav: [
      { text: "Guide", link: "/getting-started" },
      { text: "Deploy", link: "/deploy/aws" },
      { text: "API reference", link: "/reference/" },
    ],
    sidebar: [
      {
        text: "Guide",
        items: [
          { text: "Getting started", link: "/getting-started" },
          { text: "The app model", link: "/app-model" },
          { text: "Collections", link: "/COLLECTIONS" },
          { text: "HTTP", link: "/http" },
          { text: "Configuration", link: "/configuration" },
          { text: "Observability", link: "/observability" },
          { text: "Testing: real and simulated", link: "/testing" },
          { text: "Extending Skyport", link: "/EXTENDING" },
          { text: "Design", link: "/DESIGN" },
        ],
      },
      { text: "Deploy", items: generated.deploy },
      { text: "The order service", items: [{ text: "Its API", link: "/API" }] },
      { text: "Packages", collapsed: true, items: generated.packages },
      { text: "API reference", collapsed: true, items: [{ text: "Entry points", link: "/reference/" }, ...generated.reference] },
    ],
  },
});
