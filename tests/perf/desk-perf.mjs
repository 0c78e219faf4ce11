// The desk's performance with 5,000 stories in every state (goals: first paint ≤ 200 ms, a
// filter ≤ 50 ms), each measured in the page from the click (or the change of a filter) to the
// frame that shows the result, beside the same page's bare baseline: a frame with nothing to do.
// Run after building: cargo build --features tauri/custom-protocol --bin qalam-desktop
//                     cargo build --release --example desk-library;  node tests/perf/desk-perf.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, byTestId, launch, quit, startDriver, stopDriver } from "../e2e/harness.mjs";

const ROUNDS = 15;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

const dir = mkdtempSync(join(tmpdir(), "qalam-desk-perf-"));
const library = join(dir, "library.sqlite3");
console.log(execFileSync(join(ROOT, "target/release/examples/desk-library"), [library], { encoding: "utf8" }).trim());

/** In the page: runs `act`, then resolves with the time to the frame after the DOM settles. */
const toFrame = (act) => `
  const done = arguments[arguments.length - 1];
  const t0 = performance.now();
  (${act})();
  // Svelte applies its updates in a microtask; the frame after them is the one that paints.
  queueMicrotask(() => requestAnimationFrame(() => done(performance.now() - t0)));`;

await startDriver(library);
const driver = await launch();
const firstPaint = [];
const filters = [];
const bare = [];
try {
  await driver.wait(async () => (await driver.findElements(byTestId("desk-card"))).length > 0, 20000);
  for (let i = 0; i < ROUNDS; i++) {
    // Back to the editor, then the desk again: a fresh list from the library, painted.
    await driver.findElement(byTestId("desk-close")).click();
    await driver.wait(async () => (await driver.findElements(byTestId("desk"))).length === 0, 5000);
    firstPaint.push(
      await driver.executeAsyncScript(`
        const done = arguments[arguments.length - 1];
        const t0 = performance.now();
        document.querySelector("[data-testid=show-desk]").click();
        const check = () => document.querySelectorAll("[data-testid=desk-card]").length > 0
          ? requestAnimationFrame(() => done(performance.now() - t0))
          : setTimeout(check, 1);
        check();`),
    );
    const section = i % 2 === 0 ? "رياضة" : "";
    filters.push(
      await driver.executeAsyncScript(
        toFrame(`() => { const s = document.querySelector("[data-testid=desk-section]"); s.value = ${JSON.stringify(section)}; s.dispatchEvent(new Event("change")); }`),
      ),
    );
    bare.push(await driver.executeAsyncScript(toFrame("() => {}")));
  }
  const ipc = [];
  for (let i = 0; i < ROUNDS; i++) {
    ipc.push(await driver.executeAsyncScript(`
      const done = arguments[arguments.length - 1];
      const t0 = performance.now();
      window.__TAURI_INTERNALS__.invoke("desk", { lang: "ar" }).then(() => done(performance.now() - t0));`));
  }
  const cards = (await driver.findElements(byTestId("desk-card"))).length;
  console.log(`Desk with 5,000 stories (Xvfb, ${ROUNDS} rounds, ${cards} cards shown in the last round)`);
  console.log(`  first paint (click → frame)          p50 ${ms(pct(firstPaint, 0.5))}  max ${ms(Math.max(...firstPaint))}   (goal ≤ 200 ms)`);
  console.log(`  a section filter (change → frame)    p50 ${ms(pct(filters, 0.5))}  max ${ms(Math.max(...filters))}   (goal ≤ 50 ms)`);
  console.log(`  of which the desk's IPC call             p50 ${ms(pct(ipc, 0.5))}  max ${ms(Math.max(...ipc))}`);
  console.log(`  a frame with nothing to do (bare)    p50 ${ms(pct(bare, 0.5))}  max ${ms(Math.max(...bare))}`);
} finally {
  await quit(driver);
  await stopDriver();
}
