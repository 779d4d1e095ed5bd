import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";
import { sumOfSquares } from "../playground-page.mjs";

// A run whose estimate is over the page's budget is refused before anything
// runs, with the estimate in words; a person may allow it what it needs with
// a button, a link or the API never can. The budget is lowered to half a
// second here so that a short run can be over it.
let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const MiB = 1024 * 1024;
const twoDownloads = "a.example@400,b.example@400";

test("a run over the budget is refused with its estimate, and runs once a person allows it", async () => {
  const { page } = playground;
  await page.evaluate(() => window.futuresLab.testing.setBudget(0.5, 256));
  await playground.chooseWorkload("download");
  await playground.chooseExecutor("sequential");
  await playground.setInputs(twoDownloads);
  await playground.run();
  const error = page.getByTestId("error");
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    "this run would take about 800 ms, mostly waiting (2 tasks); a run may take at most 500 ms here: use fewer or smaller inputs, or allow this run more",
  );
  assert.equal(await page.getByTestId("future-row").count(), 0, "nothing ran");
  assert.equal(await page.getByRole("button", { name: "Run", exact: true }).isEnabled(), true);

  await page.getByTestId("allow-run").click();
  await playground.waitForRun();
  const rows = await playground.futureRows();
  assert.deepEqual(rows.map((r) => r.state), ["finished", "finished"]);
  assert.equal(await page.getByTestId("error").count(), 0, "the refusal goes once the run starts");
  assert.equal(await page.getByTestId("allow-run").count(), 0);

  // A change of the form takes the offer away with the message.
  await playground.setInputs(`${twoDownloads},c.example@400`);
  await playground.run();
  await error.waitFor();
  assert.match(await error.textContent(), /about 1.2 s, mostly waiting \(3 tasks\)/);
  await playground.setInputs(twoDownloads);
  assert.equal(await page.getByTestId("allow-run").count(), 0);

  // In Korean.
  await page.getByRole("button", { name: "한국어" }).click();
  await playground.page.getByRole("button", { name: "실행", exact: true }).click();
  await error.waitFor();
  assert.equal(
    await error.textContent(),
    "이 실행은 약 800ms 걸립니다(대부분 기다림, 작업 2개). 여기서는 한 번에 최대 500ms까지 실행합니다. 입력을 줄이거나 작게 하세요. 또는 이 실행을 허용하세요",
  );
  assert.equal(await page.getByTestId("allow-run").textContent(), "허용하고 실행");
  await page.getByRole("button", { name: "English" }).click();
  await page.evaluate(() => window.futuresLab.testing.setBudget(60, 256));
  assert.deepEqual(browser.problems, []);
});

test("the API and a link are held to the budget and cannot raise it", async () => {
  const { page } = playground;
  await page.evaluate(() => window.futuresLab.testing.setBudget(0.5, 256));
  const refused = await playground.apiRun(`workload=download&executor=sequential&inputs=${twoDownloads}`);
  assert.equal(
    refused.error,
    "this run would take about 800 ms, mostly waiting (2 tasks); a run may take at most 500 ms here: use fewer or smaller inputs, or allow this run more",
  );
  const simulated = await page.evaluate(async () => {
    try {
      await window.futuresLab.simulate("workload=cpu_bound&inputs=1000000000&op_ns=1");
      return "ran";
    } catch (e) {
      return e.message;
    }
  });
  assert.match(simulated, /^this run would take about 1.8 s, computing every result for real \(1 tasks\)/);
  const fits = await playground.apiRun("workload=download&executor=sequential&inputs=a.example@100,b.example@100");
  assert.deepEqual(fits.report?.tasks.map((t) => t.state), ["finished", "finished"]);
  await page.evaluate(() => window.futuresLab.testing.setBudget(60, 256));

  // At the page's own budget: what one link could once demand.
  const before = await page.evaluate(() => window.futuresLab.info().wasm_memory_bytes);
  const cases = [
    [`workload=download&executor=sequential&inputs=${Array(10000).fill("a.example@60000").join(",")}`, /^this run would take about 6.9 days, mostly waiting \(10000 tasks\); a run may take at most 60 s here: use fewer or smaller inputs$/],
    [`workload=power&executor=threads&inputs=${Array(5000).fill("1000000**10000").join(",")}`, /^this run would hold about \d+ MiB of futures, results and trace \(5000 tasks\); a run may hold at most 256 MiB here/],
    [`workload=cpu_bound&executor=threads&max_workers=4&inputs=${Array(10000).fill(1000000000).join(",")}`, /^this run would take about [\d.]+ (minutes|hours), mostly computing \(10000 tasks\)/],
  ];
  for (const [scenario, message] of cases) {
    const started = Date.now();
    const { error } = await playground.apiRun(scenario);
    assert.match(error, message);
    assert.ok(Date.now() - started < 5000, `refused in ${Date.now() - started} ms`);
  }
  const afterwards = await page.evaluate(() => window.futuresLab.info().wasm_memory_bytes);
  assert.ok(afterwards - before <= 16 * MiB, `memory grew by ${(afterwards - before) / MiB} MiB`);
  // And an ordinary run after them is exact.
  const ordinary = await playground.apiRun("executor=threads&max_workers=2&inputs=10,1000");
  assert.deepEqual(ordinary.report.tasks.map((t) => String(t.result)), [10, 1000].map(sumOfSquares));

  // A link that runs at once is refused in the page, and waits for a
  // person: a hundred downloads of a second, one after another.
  await playground.goto(`?workload=download&executor=sequential&inputs=${Array(100).fill("a.example@1000").join(",")}&run=1`);
  const error = page.getByTestId("error");
  await error.waitFor();
  assert.match(await error.textContent(), /^this run would take about 1.7 minutes, mostly waiting \(100 tasks\)/);
  assert.equal(await page.getByTestId("allow-run").count(), 1);
  assert.equal(await page.getByTestId("future-row").count(), 0, "nothing ran");
  assert.deepEqual(browser.problems, []);
});
