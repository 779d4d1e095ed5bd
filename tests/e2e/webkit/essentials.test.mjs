import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { By } from "selenium-webdriver";

import { sumOfSquares } from "../playground-page.mjs";
import { serveTutorialParent } from "../tutorial-parent.mjs";
import { openWebKit, until } from "../webkit.mjs";

// WebKitGTK 2.50 reports crossOriginIsolated but has no SharedArrayBuffer:
// the page must see that it cannot share memory, say so, and run every
// executor it can (sequential, asyncio and processes for real, threads on
// the virtual clock) with exact results.
let webkit;
before(async () => {
  webkit = await openWebKit();
});
after(async () => webkit?.close());

const text = async (testId) => {
  const found = await webkit.driver.findElements(By.css(`[data-testid="${testId}"]`));
  return found.length ? found[0].getText() : null;
};

test("WebKit loads the page, says what it can run and why, and ready settles", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/`);
  await until(() => driver.executeScript("return !!window.futuresLab"), 30_000, "window.futuresLab");
  const facts = await driver.executeScript(
    "return { isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer, info: window.futuresLab.info() }",
  );
  const ready = await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1]; window.futuresLab.ready.then(done, (e) => done('rejected: ' + e));",
  );
  assert.equal(typeof facts.info.exception_handling, "boolean");
  if (facts.sab === "undefined") {
    // The labelled fallback.
    assert.equal(facts.info.shared_memory, false);
    assert.equal(facts.info.cross_origin_isolated, facts.isolated);
    assert.match(facts.info.no_threads_because, /cannot start threads$/);
    assert.deepEqual(ready, { threads: 0, start_ms: null });
    const notice = await until(() => text("isolation-notice"), 10_000, "the notice");
    assert.match(notice, /so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real\.$/);
    const badge = await until(async () => {
      const shown = await text("pool-badge");
      return shown?.startsWith("No threads") && shown;
    }, 10_000, "the badge");
    assert.equal(badge, facts.isolated ? "No threads: no shared memory in this browser" : "No threads: not cross-origin isolated");
  } else {
    // A WebKit with shared memory: a real pool.
    assert.equal(facts.info.shared_memory, true);
    assert.ok(ready.threads > 0, JSON.stringify(ready));
  }
});

test("WebKit runs every executor with exact results", async () => {
  // Results above 2**53 come as exact decimal strings.
  const expected = [10, 1000, 5_000_000].map(sumOfSquares);
  for (const executor of ["sequential", "threads&max_workers=2", "processes&max_workers=2", "asyncio"]) {
    const { report, error } = await webkit.run(`executor=${executor}&inputs=10,1000,5000000`);
    assert.equal(error, undefined, executor);
    assert.deepEqual(report.tasks.map((t) => String(t.result)), expected, executor);
    assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "finished", "finished"], executor);
  }
  // A real wait, a failure and map's exception, on the process pool from the page.
  const { report } = await webkit.run("workload=download&executor=processes&max_workers=2&inputs=a.example@120,b.invalid@10,c.example@30&api=map");
  assert.deepEqual(report.tasks.map((t) => t.state), ["finished", "failed", "finished"]);
  assert.match(report.error, /^URLError/);
});

test("WebKit runs a scenario from the controls and shows its futures", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/?executor=sequential&inputs=10,1000&run=1`);
  const rows = await until(async () => {
    const cells = await driver.findElements(By.css('[data-testid="future-row"]'));
    if (cells.length < 2) return null;
    const texts = await Promise.all(cells.map((cell) => cell.getText()));
    return texts.every((row) => /finished/.test(row)) && texts;
  }, 30_000, "two finished rows");
  assert.equal(rows.length, 2);
  assert.match(rows[1], new RegExp(String(sumOfSquares(1000))));
});

test("WebKit replays a finished run: to the start, then to the end", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/?workload=download&inputs=a.example@100,b.example@300,c.example@150&executor=threads&max_workers=2&run=1`);
  const states = () =>
    driver.executeScript(
      `return [...document.querySelectorAll('[data-testid="future-row"]')].map((row) => row.dataset.state).join();`,
    );
  await until(async () => (await states()) === "finished,finished,finished", 30_000, "three finished rows");
  // The button's own click, dispatched in the page: WebKit's driver clicks
  // at a point it measured earlier and returns before the page handles it,
  // and a click of its that missed (once in CI) said nothing of the player.
  // What the player showed goes with a failure.
  const press = async (name, want, what) => {
    const button = await driver.findElement(By.css(`[data-testid="player"] button[aria-label="${name}"]`));
    await driver.executeScript("arguments[0].click();", button);
    await until(async () => (await states()) === want, 5_000, what).catch(async (error) => {
      const player = await driver.executeScript(`return document.querySelector('[data-testid="player"]').innerText;`);
      throw new Error(`${error.message}; rows ${await states()}; player: ${player}`);
    });
  };
  await press("To the start", "pending,pending,pending", "the rows at the start");
  await press("To the end", "finished,finished,finished", "the rows at the end");
  const completed = await driver.executeScript(
    `return [...document.querySelectorAll('[data-testid="order-completed"] td.order')].map((cell) => Number(cell.textContent));`,
  );
  assert.deepEqual(completed, [0, 2, 1], "a at 100 ms, c at 250, b at 300");
  // The timeline zooms in and comes back whole.
  const shown = () =>
    driver.executeScript(
      `const el = document.querySelector('[data-testid="timeline-shown"]'); return [Number(el.dataset.fromNs), Number(el.dataset.toNs)];`,
    );
  const [from, to] = await shown();
  await driver.findElement(By.css('[data-testid="timeline"] button[aria-keyshortcuts="+"]')).click();
  const [zoomedFrom, zoomedTo] = await until(async () => {
    const now = await shown();
    return now[1] - now[0] < to - from && now;
  }, 5_000, "the timeline zoomed in");
  assert.ok(Math.abs((zoomedTo - zoomedFrom) - (to - from) / 2) <= 2, `${from}–${to} → ${zoomedFrom}–${zoomedTo}`);
  await driver.findElement(By.css('[data-testid="timeline"] button[aria-keyshortcuts="0"]')).click();
  await until(async () => (await shown()).join() === [from, to].join(), 5_000, "the whole run again");
});

test("WebKit opens a CPython trace from ?report= and replays it", async () => {
  const { driver } = webkit;
  await driver.get(`${webkit.baseUrl}/?report=sample-trace.json`);
  const states = () =>
    driver.executeScript(
      `return [...document.querySelectorAll('[data-testid="future-row"]')].map((row) => row.dataset.state).join();`,
    );
  await until(async () => (await states()) === "finished,finished,finished", 30_000, "the trace's three futures");
  const info = await driver.executeScript(`return document.querySelector('[data-testid="trace-info"]').textContent;`);
  assert.match(info, /^CPython 3\.\d+\.\d+ trace of lab_threads\.py \(exit status 0\): 3 futures on a thread pool \(2 workers\)/);
  await driver.findElement(By.css('[data-testid="player"] button[aria-label="To the start"]')).click();
  await until(async () => (await states()) === "pending,pending,pending", 5_000, "the rows at the start");
});

test("WebKit runs the embed in a tutorial page on another origin", async () => {
  const { driver } = webkit;
  const parent = await serveTutorialParent(webkit.baseUrl);
  try {
    await driver.get(`${parent.url}/`);
    const received = (type) => driver.executeScript(`return window.received.filter((m) => m && m.type === arguments[0]);`, type);
    await until(async () => (await received("futures-lab:size")).some((m) => m.height > 50), 30_000, "the embed's size");
    await driver.executeScript(`window.send({
      type: "futures-lab:run",
      scenario: { workload: "download", inputs: ["a.example@600", "b.example@50"], executor: "asyncio" },
    });`);
    const [{ report }] = await until(async () => {
      const reports = await received("futures-lab:report");
      return reports.length && reports;
    }, 30_000, "the embed's report");
    assert.equal(report.scenario.workload, "download");
    assert.equal(report.mode, "browser", "asyncio for real inside the iframe");
    assert.deepEqual(report.completion_order, [1, 0]);
  } finally {
    await parent.close();
  }
});

test("WebKit on a host without isolation headers says why it has no threads and runs for real what it can", async () => {
  const bare = await openWebKit({ headers: {} });
  try {
    const { driver } = bare;
    await driver.get(`${bare.baseUrl}/`);
    // The service worker may isolate the page and reload it once; either
    // way WebKit has no shared memory to give a worker. Let the reload
    // happen before looking (where service workers run at all).
    await until(() => driver.executeScript("return !!window.futuresLab").catch(() => false), 30_000, "window.futuresLab");
    await until(
      () => driver.executeScript("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)").catch(() => false),
      5_000,
      "the service worker",
    ).catch(() => "no service worker here");
    await until(() => driver.executeScript("return !!window.futuresLab").catch(() => false), 30_000, "window.futuresLab");
    const ready = await driver.executeAsyncScript(
      "const done = arguments[arguments.length - 1]; window.futuresLab.ready.then(done, (e) => done('rejected: ' + e));",
    );
    assert.deepEqual(ready, { threads: 0, start_ms: null });
    const badge = await until(async () => {
      const found = await driver.findElements(By.css('[data-testid="pool-badge"]'));
      const shown = found.length ? await found[0].getText() : "";
      return shown.startsWith("No threads") && shown;
    }, 10_000, "the badge");
    assert.match(badge, /^No threads: (no shared memory in this browser|not cross-origin isolated)$/);
    for (const executor of ["asyncio", "processes"]) {
      const { report, error } = await bare.run(`workload=download&inputs=a.example@120,b.example@30&executor=${executor}&max_workers=2`);
      assert.equal(error, undefined, executor);
      assert.equal(report.mode, "browser", `${executor} for real`);
      // In the order they finished, each after its own wait: b's 30 ms
      // comes first unless its process took 90 ms longer to start than a's
      // (as it may in CPython too, on a busy machine).
      const finished = report.tasks.map((t) => t.finished_ms);
      assert.deepEqual(report.completion_order, [0, 1].sort((x, y) => finished[x] - finished[y]), executor);
      report.tasks.forEach((t, i) => assert.ok(t.time.io_ms >= [120, 30][i] - 1, `${executor}: ${JSON.stringify(t)}`));
      if (executor === "asyncio") assert.deepEqual(report.completion_order, [1, 0]);
    }
  } finally {
    await bare.close();
  }
});
