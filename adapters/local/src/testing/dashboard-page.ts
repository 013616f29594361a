import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";

/** The local dashboard as a person uses it, for browser tests: open a view, fire a function, read its answer, replay a dead letter. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    /** The dashboard's address (LocalApp.dashboardUrl, or the `dashboard` of the server's `listening` line). */
    readonly url: string,
  ) {}

  /** Opens a view (`functions`, `waiting`, `dead-letters`, `collections`, `logs`, `trace/<id>`) and waits for its heading. */
  async open(view: string): Promise<void> {
    await this.page.goto(new URL(`#${view}`, this.url).href);
    await this.page.locator("main h1").first().waitFor();
  }

  card(name: string): Locator {
    return this.page.locator(`article[data-function="${name}"]`);
  }

  /** Fills a function's fire form (by field label), presses its button, and answers with what the dashboard shows. */
  async fire(name: string, fields: Record<string, string> = {}): Promise<string> {
    const card = this.card(name);
    for (const [label, value] of Object.entries(fields)) {
      const control = card.getByLabel(label, { exact: true });
      if ((await control.evaluate((element) => element.tagName)) === "SELECT") await control.selectOption(value);
      else await control.fill(value);
    }
    await card.getByRole("button").click();
    return this.answer(card.locator("output"));
  }

  /** Waits until the output holds an answer (not the "…" shown while waiting) and returns its text. */
  async answer(output: Locator): Promise<string> {
    await output.filter({ hasText: /^(?!…$)[\s\S]+/ }).waitFor();
    return (await output.textContent()) ?? "";
  }

  /** Writes a screenshot of the whole page to `<dir>/<name>.png`. */
  async screenshot(dir: string, name: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  }
}
