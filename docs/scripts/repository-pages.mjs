import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { publishedPackages, REPO } from "./published-packages.mjs";

const DOCS = join(REPO, "docs");

/**
 * The site's pages kept beside the code they describe: each cloud's deploy README and each published
 * package's README, written into the site at build time (never committed), so each text has one place.
 * Returns the pages by section, for the sidebar.
 */
export function writeRepositoryPages() {
  const deploy = ["aws", "gcp", "azure"].map((cloud) => ({ source: `deploy/${cloud}/README.md`, page: `deploy/${cloud}.md` }));
  const packages = publishedPackages()
    .filter((pkg) => existsSync(join(REPO, pkg.folder, "README.md")))
    .map((pkg) => ({ source: `${pkg.folder}/README.md`, page: `packages/${basename(pkg.folder)}.md` }));
  const pages = [...deploy, ...packages];
  const pageOf = new Map(pages.map(({ source, page }) => [source, page]));
  for (const folder of ["deploy", "packages"]) rmSync(join(DOCS, folder), { recursive: true, force: true });
  const written = (list) =>
    list.map(({ source, page }) => {
      const markdown = readFileSync(join(REPO, source), "utf8");
      const title = /^#{1,2} (.+)$/m.exec(markdown)?.[1] ?? source;
      mkdirSync(dirname(join(DOCS, page)), { recursive: true });
      const body = relinked(markdown, source, page, pageOf);
      writeFileSync(
        join(DOCS, page),
        `---\ntitle: ${JSON.stringify(title)}\neditLink: false\n---\n\n` +
          `<!-- Written from ${source} by docs/scripts/repository-pages.mjs: edit that file. -->\n\n${body}`,
      );
      return { text: title.replace(/^Deploy to /, ""), link: `/${page.replace(/\.md$/, "")}`, source };
    });
  return { deploy: written(deploy), packages: written(packages) };
}

/**
 * The source's relative links, pointed at the site: a file that is a page of the site becomes a link
 * to that page, any other file of the repository its path in code (a reader of the site has the repository).
 */
function relinked(markdown, source, page, pageOf) {
  const pageOfDocs = (path) => (path.startsWith("docs/") && path.endsWith(".md") ? path.slice("docs/".length) : pageOf.get(path));
  return markdown.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (link, text, href) => {
    if (/^[a-z]+:/i.test(href) || href.startsWith("#")) return link;
    const [path, anchor] = href.split("#");
    const target = relative(REPO, resolve(REPO, dirname(source), path));
    const targetPage = pageOfDocs(target);
    if (!targetPage) return `${text} (\`${target}\`)`;
    const from = dirname(join(DOCS, page));
    return `[${text}](${relative(from, join(DOCS, targetPage))}${anchor ? `#${anchor}` : ""})`;
  });
}
