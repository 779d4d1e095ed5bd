// Debian's Chromium, driven by playwright-core (never a downloaded browser).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { serve } from "./server.mjs";

export const DIST = new URL("../../dist/", import.meta.url).pathname;

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Serves dist/ with COOP/COEP (or with `headers` instead: `{}` for a host that
 * sends none) and opens Chromium with a fresh profile; `serviceWorkers:
 * "block"` keeps service workers from registering. Collects page errors and
 * console errors so every spec can assert none.
 */
export async function openBrowser({ locale, headers, serviceWorkers } = {}) {
  const server = await serve(DIST, headers ? { headers } : {});
  const profile = await mkdtemp(join(tmpdir(), "futures-lab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    ...(locale ? { locale } : {}),
    ...(serviceWorkers ? { serviceWorkers } : {}),
  });
  const problems = [];
  const watch = (page) => {
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
  };
  context.on("page", watch);
  context.pages().forEach(watch);
  return {
    baseUrl: server.url,
    context,
    problems,
    async newPage() {
      const page = context.pages()[0] ?? (await context.newPage());
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** A browser with the playground open and its worker pool ready. */
export async function openPlayground(options) {
  const { PlaygroundPage } = await import("./playground-page.mjs");
  const browser = await openBrowser(options);
  const playground = new PlaygroundPage(await browser.newPage(), browser.baseUrl);
  await playground.goto();
  await playground.ready();
  return { browser, playground };
}
