import assert from "node:assert/strict";
import { readFile, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

// A trace futures_lab_trace.py wrote of a spawn process pool: three calls,
// one failing, two worker processes.
const FIXTURE = new URL("../../../crates/scenarios/tests/data/cpython-trace.json", import.meta.url).pathname;

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const cells = (testid) => playground.page.getByTestId(testid).locator("td").allTextContents();

test("a trace picked as a file is replayed on the stage: its futures, workers, orders and half-tone bars", async () => {
  const page = playground.page;
  const trace = JSON.parse(await readFile(FIXTURE, "utf8"));
  await page.getByTestId("open-report").setInputFiles(FIXTURE);
  const info = page.getByTestId("trace-info");
  await info.waitFor();
  assert.match(await info.textContent(), /^CPython 3\.\d+\.\d+ trace of spawn_pool\.py \(exit status 0\): 3 futures on a process pool \(2 workers, spawn\)\./);
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.state), ["finished", "failed", "finished"]);
  assert.deepEqual(rows.map((r) => r.worker), trace.tasks.map((t) => t.worker));
  assert.deepEqual(await cells("order-completed"), trace.completion_order.map(String));
  assert.match(await page.getByTestId("timeline-legend").textContent(), /computing or waiting \(CPython's trace does not say which\)/);
  assert.equal(await page.getByTestId("wall-time").count(), 1);
  // The player replays it from its start.
  await page.getByRole("button", { name: "To the start" }).click();
  assert.deepEqual((await playground.futureRows()).map((r) => r.state), ["pending", "pending", "pending"]);
  assert.deepEqual(browser.problems, []);
});

test("?report=<url> opens the report there; a broken one is refused naming the field", async () => {
  const page = playground.page;
  await playground.goto("?report=sample-trace.json");
  const info = page.getByTestId("trace-info");
  await info.waitFor();
  assert.match(await info.textContent(), /trace of lab_threads\.py/);
  assert.deepEqual(await cells("order-completed"), ["1", "2", "0"]);
  // A program the lab wrote: the controls take its scenario, the program
  // panel follows CPython's replay, and the virtual clock's prediction for
  // the CPython that ran it stands beside what CPython measured.
  assert.equal(await page.getByTestId("inputs").inputValue(), "slow@60,fast@10,mid@30");
  assert.match(await page.getByTestId("program-step").textContent(), /^Step 6 of 6: MainThread takes a result/);
  const predicted = page.getByTestId("cpython-prediction").locator("a");
  await predicted.waitFor();
  const wall = Number((await page.getByTestId("wall-time").textContent()).replace(/[^\d.]/g, ""));
  const prediction = Number((await predicted.textContent()).replace(/[^\d.]/g, ""));
  assert.ok(Math.abs(prediction - wall) / wall < 0.25, `predicted ${prediction} ms, CPython took ${wall} ms`);
  assert.match(await page.getByTestId("clock-label").textContent(), /^CPython's own run, traced/);
  // And the lab's own run of the same scenario, on this page.
  const lab = page.getByTestId("lab-beside-trace");
  await lab.waitFor({ timeout: 30_000 });
  const labMs = Number((await lab.textContent()).replace(/[^\d.]/g, ""));
  assert.ok(labMs >= 55 && labMs < 5 * wall, `the lab took ${labMs} ms (CPython ${wall} ms)`);

  await playground.goto("?report=no-such-trace.json");
  await page.getByRole("alert").filter({ hasText: "report=no-such-trace.json: HTTP 404" }).waitFor();

  const dir = await mkdtemp(join(tmpdir(), "futures-lab-trace-"));
  const broken = JSON.parse(await readFile(FIXTURE, "utf8"));
  broken.tasks[1].state = "runing";
  const path = join(dir, "broken.json");
  await writeFile(path, JSON.stringify(broken));
  await page.getByTestId("open-report").setInputFiles(path);
  await page.getByRole("alert").filter({ hasText: "broken.json: tasks[1].state: unknown variant `runing`" }).waitFor();
  // A file dropped anywhere on the page opens too.
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped.json", { type: "application/json" }));
    for (const type of ["dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, await readFile(FIXTURE, "utf8"));
  await page.getByTestId("trace-info").filter({ hasText: "spawn_pool.py" }).waitFor();
  await writeFile(path, "this is not JSON");
  await page.getByTestId("open-report").setInputFiles(path);
  await page.getByRole("alert").filter({ hasText: "broken.json: not JSON" }).waitFor();
  // A file is read as bytes and decoded once: bytes that are no UTF-8 are named.
  await writeFile(path, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  await page.getByTestId("open-report").setInputFiles(path);
  await page.getByRole("alert").filter({ hasText: "broken.json: not UTF-8 text (invalid utf-8 sequence of 1 bytes from index 1); a report is JSON" }).waitFor();
  browser.problems.length = 0; // the 404 above is the browser's own console line
});

test("futuresLab.show takes a Report or its text, resolves once drawn, and rejects naming the problem", async () => {
  const page = playground.page;
  const text = await readFile(FIXTURE, "utf8");
  assert.deepEqual(await page.evaluate((t) => window.futuresLab.show(JSON.parse(t)), text), { tasks: 3 });
  assert.equal(await page.getByTestId("future-row").count(), 3);
  assert.deepEqual(await page.evaluate((t) => window.futuresLab.show(t), text), { tasks: 3 });
  const refused = (arg) => page.evaluate((a) => window.futuresLab.show(a).then(() => "resolved", (e) => e.message), arg);
  assert.equal(await refused(42), "report: must be a Report object or its JSON text (got 42)");
  assert.match(await refused('{"mode": "cpython"}'), /^report: missing field `wall_ms`/);
  // Too long a text is refused before the page encodes it.
  assert.equal(
    await page.evaluate(() => window.futuresLab.show(" ".repeat(128 * 1024 * 1024 + 1)).then(() => "resolved", (e) => e.message)),
    "report: the report is at least 134217729 bytes, over the 128 MB a report may have",
  );
  // A lab report round-trips: run, then show what the run returned.
  const report = await page.evaluate(() => window.futuresLab.run("workload=download&inputs=a@60,b@20&executor=threads&max_workers=2&clock=virtual"));
  assert.deepEqual(await page.evaluate((r) => window.futuresLab.show(r), report), { tasks: 2 });
  assert.equal(await page.getByTestId("trace-info").count(), 0, "a lab report is no trace");
  assert.deepEqual(await cells("order-completed"), ["1", "0"]);
});
