import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { openPlayground } from "../browser.mjs";

let browser;
let playground;
before(async () => ({ browser, playground } = await openPlayground()));
after(async () => browser?.close());

const step = () => playground.page.getByTestId("program-step").textContent();
const line = async () => (await playground.page.getByTestId("current-line").textContent()).trim();

test("the Python program highlights the line MainThread is at, step by step, in both languages", async () => {
  const page = playground.page;
  await playground.goto("?workload=cpu_bound&inputs=100000,200000,300000&executor=threads&max_workers=2&clock=virtual&lang=en&run=1");
  await playground.waitForRun();
  const player = page.getByTestId("player");
  // At the end: the last thing MainThread did was take a result.
  assert.match(await step(), /^Step (\d+) of \1: MainThread takes a result \(line \d+\)\.$/);
  assert.equal(await line(), "show(number[future], future)");
  // From the start, one event at a time.
  await player.getByRole("button", { name: "To the start" }).click();
  assert.equal(await page.getByTestId("program-step").count(), 0, "nothing has happened yet");
  await player.getByRole("button", { name: "One event forward" }).click();
  assert.match(await step(), /^Step 1 of \d+: MainThread hands the calls to the executor/);
  assert.equal(await line(), "futures = [executor.submit(cpu_bound, x) for x in INPUTS]");
  // Once all three are submitted (each start comes between), it waits in as_completed.
  for (let i = 0; i < 4; i++) await player.getByRole("button", { name: "One event forward" }).click();
  assert.match(await step(), /^Step 3 of \d+: MainThread waits for results/);
  assert.equal(await line(), "for future in as_completed(futures):");
  // The copy holds the whole program, marks and all.
  const code = await page.getByTestId("code").textContent();
  assert.match(code, /^# The futures-lab scenario/);
  assert.match(code, /print\(f"wall time/);

  await playground.goto("?workload=cpu_bound&inputs=100000,200000&executor=threads&max_workers=2&clock=virtual&lang=ko&run=1");
  await playground.waitForRun();
  assert.match(await step(), /^\d+단계 중 \d+단계: MainThread가 결과 하나를 받습니다 \(\d+번째 줄\)\.$/);
  // The program's comments are in Korean; its code is Python's, line for line.
  const korean = await page.getByTestId("code").textContent();
  assert.match(korean, /# 위 시나리오를 옮긴 파이썬 프로그램입니다\./);
  assert.match(korean, /with ThreadPoolExecutor\(max_workers=2\) as executor:/);
  // A changed form is not the run shown: no line is claimed.
  await playground.setMaxWorkers("3");
  await page.waitForFunction(() => !document.querySelector("[data-testid=current-line]"));
  // And the results shown are marked as the run before.
  assert.match(await page.getByTestId("out-of-date").textContent(), /이전 실행/);
  await page.getByTestId("run").click();
  await page.getByTestId("current-line").waitFor();
  assert.equal(await page.getByTestId("out-of-date").count(), 0, "the new run is the form's");
  assert.deepEqual(browser.problems, []);
});
