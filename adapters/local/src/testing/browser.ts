import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's chromium (scripts/prerequisites.sh installs it); never playwright's own download, which cannot be reached here. */
export const CHROMIUM_PATH = process.env.SKYPORT_CHROMIUM ?? "/usr/bin/chromium";

/** Headless Chromium for browser tests; close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests may run as root (CI, containers), where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ["--no-sandbox"] });
}

/** A page that may reach the loopback only, and what went wrong on it. */
export interface LoopbackPage {
  page: Page;
  context: BrowserContext;
  /** URLs the page asked for off the loopback (refused): a page served "offline" keeps this empty. */
  offLoopback: string[];
  /** Uncaught errors and console.error lines of the page's scripts. */
  errors: string[];
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Opens a page in a fresh context that refuses every request off the loopback and records the page's errors. */
export async function openLoopbackPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<LoopbackPage> {
  const context = await browser.newContext({ viewport });
  const offLoopback: string[] = [];
  const errors: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    offLoopback.push(url.href);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, context, offLoopback, errors };
}
