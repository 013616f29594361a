import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { launchChromium, type LoopbackPage, openLoopbackPage } from "@skyport/local/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { siteFile } from "./static-site.js";

const siteUrl = inject("siteUrl");
const siteRoot = inject("siteRoot");

/** What one page showed once its scripts had run. */
interface Visit {
  title: string;
  /** The text of the page's main content (a guide page's article, the home page's hero). */
  main: string;
  ids: Set<string>;
  /** Each link's href as the browser resolved it. */
  links: string[];
  errors: string[];
  offLoopback: string[];
}

/** Every page the build wrote, as its URL path (VitePress's 404 page aside). */
function builtPages(): string[] {
  return readdirSync(siteRoot, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html") && file !== "404.html")
    .map((file) => `/${relative(siteRoot, join(siteRoot, file))}`)
    .sort();
}

async function visit(loopback: LoopbackPage, path: string): Promise<Visit> {
  loopback.errors.length = 0;
  loopback.offLoopback.length = 0;
  await loopback.page.goto(new URL(path, siteUrl).href, { waitUntil: "load" });
  // Hydrated: Vue has mounted the app on the server-rendered page (a mismatch is a console error).
  await loopback.page.waitForFunction(() => Boolean((document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__));
  const shown = await loopback.page.evaluate(() => ({
    title: document.title,
    main: (document.querySelector(".VPHome") ?? document.querySelector(".vp-doc"))?.textContent?.trim() ?? "",
    ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
    links: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
  }));
  return { ...shown, ids: new Set(shown.ids), errors: [...loopback.errors], offLoopback: [...loopback.offLoopback] };
}

describe("the documentation site, built and opened in headless Chromium", () => {
  const pages = builtPages();
  const visits = new Map<string, Visit>();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    // Two tabs take the pages in turn: the machine has two cores.
    const queue = [...pages];
    const tab = async () => {
      const loopback = await openLoopbackPage(browser);
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) visits.set(path, await visit(loopback, path));
    };
    await Promise.all([tab(), tab()]);
  });
  afterAll(() => browser?.close());

  it("has the guide, the deploy pages, the package pages and the API reference", () => {
    for (const path of ["/index.html", "/getting-started.html", "/app-model.html", "/COLLECTIONS.html", "/http.html", "/configuration.html"])
      expect(pages, path).toContain(path);
    for (const path of ["/observability.html", "/testing.html", "/deploy/aws.html", "/deploy/gcp.html", "/deploy/azure.html"])
      expect(pages, path).toContain(path);
    expect(pages).toContain("/reference/@skyport/core.html");
    expect(pages.filter((path) => path.startsWith("/packages/")).length).toBeGreaterThan(0);
  });

  it("renders every page: a title, its main content, no script error, nothing fetched off the loopback", () => {
    for (const [path, shown] of visits) {
      expect(shown.title, path).toMatch(/\S.*Skyport|^Skyport/);
      expect(shown.main.length, `${path}: main content`).toBeGreaterThan(20);
      expect(shown.errors, path).toEqual([]);
      expect(shown.offLoopback, path).toEqual([]);
    }
  });

  it("resolves every internal link to a page or file of the site, and every anchor to an element of that page", () => {
    const broken: string[] = [];
    for (const [path, shown] of visits) {
      for (const href of shown.links) {
        const target = new URL(href);
        if (target.origin !== siteUrl) continue;
        if (!siteFile(siteRoot, target.pathname)) {
          broken.push(`${path}: ${target.pathname} (no such page)`);
          continue;
        }
        if (!target.hash) continue;
        const id = decodeURIComponent(target.hash.slice(1));
        const targetPage = visits.get(target.pathname === "/" ? "/index.html" : target.pathname);
        if (!targetPage?.ids.has(id)) broken.push(`${path}: ${target.pathname}#${id} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
