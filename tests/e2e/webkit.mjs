// WebKit for the browser tests: Debian's WebKitGTK (WebKitWebDriver driving
// its MiniBrowser) on a virtual display of its own (Xvfb), through
// selenium-webdriver, against dist/ served with the isolation headers.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { Builder } from "selenium-webdriver";

import { serve } from "./server.mjs";

const DIST = new URL("../../dist/", import.meta.url).pathname;
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  return port;
}

/** A virtual display; resolves with its number and the process. */
async function startDisplay() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "ignore", "pipe"],
  });
  let text = "";
  for await (const chunk of xvfb.stdio[3]) {
    text += chunk;
    if (text.includes("\n")) break;
  }
  return { display: `:${text.trim()}`, xvfb };
}

/** Polls `check` until it gives something truthy, for up to `ms`. */
export async function until(check, ms = 30_000, what = "the condition") {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Opens WebKit on the playground; resolves with { driver, baseUrl, run,
 * close }. `run(query)` is `futuresLab.run` in the page, answering
 * { report } or { error }. `headers` replaces the isolation headers (`{}`
 * for a host that sends none).
 */
export async function openWebKit({ headers } = {}) {
  const server = await serve(DIST, headers ? { headers } : {});
  const { display, xvfb } = await startDisplay();
  const port = await freePort();
  const webDriver = spawn("WebKitWebDriver", [`--port=${port}`], {
    stdio: "ignore",
    env: { ...process.env, DISPLAY: display },
  });
  const close = async (driver) => {
    await driver?.quit().catch(() => {});
    webDriver.kill();
    xvfb.kill();
    server.close();
  };
  let driver;
  try {
    driver = await until(
      () =>
        new Builder()
          .usingServer(`http://127.0.0.1:${port}`)
          .withCapabilities({
            browserName: "MiniBrowser",
            "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
          })
          .build()
          .catch(() => null),
      20_000,
      "WebKitWebDriver",
    );
  } catch (error) {
    await close();
    throw error;
  }
  return {
    driver,
    baseUrl: server.url,
    async run(query) {
      return driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         window.futuresLab.run(arguments[0]).then((report) => done({ report }), (e) => done({ error: String(e) }));`,
        query,
      );
    },
    close: () => close(driver),
  };
}
