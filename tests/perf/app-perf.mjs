// The editor's performance figures, each beside its baseline in the same run:
//  - cold start to an editable window showing the last draft (goal ≤ 1.0 s under Xvfb);
//  - keystroke to the frame that paints it while typing in a 10,000-word article (goal p95 ≤ 16 ms);
//  - memory of all the app's processes with that article open, next to a bare Tauri window
//    (goal ≤ 1.3×).
// Run after building: cargo build --features tauri/custom-protocol --bin qalam-desktop --example bare-window
//                     cargo build --bin qalam;  node tests/perf/app-perf.mjs
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, By, Key, ROOT, byTestId, cli, descendants, launch, newLibrary, quit, startDriver, stopDriver } from "../e2e/harness.mjs";

const BARE = join(ROOT, "target/debug/examples/bare-window");
const COLD_STARTS = 5;
const KEYSTROKES = 200;

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];
const ms = (x) => `${x.toFixed(1)} ms`;

/** A 10,000-word article: the seed's body ten times over. */
function bigArticle() {
  const seed = readFileSync(join(ROOT, "src-tauri/assets/sample-article.md"), "utf8");
  const [, front, body] = seed.split(/^---$/m);
  const path = join(ROOT, "target/e2e-artifacts/ten-thousand-words.md");
  writeFileSync(path, `---${front.replace(/^title: .*$/m, "title: مقال طويل من عشرة آلاف كلمة")}---\n${Array(10).fill(body.trim()).join("\n\n")}\n`);
  return path;
}

/** Proportional set size of a process and all its descendants, in MiB. */
function treePss(pid) {
  const children = (() => {
    try {
      return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  })();
  let kb = 0;
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    kb = m ? Number(m[1]) : 0;
  } catch {
    /* exited */
  }
  return kb / 1024 + children.reduce((sum, c) => sum + treePss(c), 0);
}

async function memoryOf(binary, env) {
  const child = spawn(binary, [], { env: { ...process.env, ...env }, stdio: "ignore" });
  await sleep(5000);
  const mib = treePss(child.pid);
  // Stop what this run started, by pid: the window and every process it spawned.
  const tree = [...descendants(child.pid), child.pid];
  child.kill("SIGTERM");
  await sleep(300);
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
  return mib;
}

const library = newLibrary();
const id = cli(library, "import", bigArticle()).trim();
const words = JSON.parse(cli(library, "show", id, "--json")).article.body.length;
await startDriver(library);

// ---- cold start ----
const wall = [];
const inPage = [];
for (let i = 0; i < COLD_STARTS; i++) {
  const t0 = performance.now();
  const driver = await launch();
  await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")).length > 0, 20000);
  await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] h2"))).length > 0, 20000);
  wall.push(performance.now() - t0);
  inPage.push(await driver.executeScript("return performance.now()"));
  await quit(driver);
}

// ---- typing latency in the 10,000-word article ----
const driver = await launch();
await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] h2"))).length > 0, 20000);
const editor = await driver.findElement(byTestId("editor"));
await editor.click();
await editor.sendKeys(Key.END);
await driver.executeScript(`
  window.__latencies = [];
  document.addEventListener("keydown", (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => window.__latencies.push(performance.now() - t0));
  }, true);
`);
// One key at a time at a brisk typist's pace (about 8 keys a second), so that each figure is the
// latency of one keystroke rather than the length of a queue of them.
const sentence = "وأضاف المصدر أن القوات تحركت ";
for (let sent = 0; sent < KEYSTROKES; sent++) {
  await editor.sendKeys(sentence[sent % sentence.length]);
  await sleep(120);
}
await sleep(500);
const latencies = await driver.executeScript("return window.__latencies");
const editorWords = (await editor.getText()).split(/\s+/).length;
await quit(driver);

// ---- memory, both measured the same way: launched directly (no WebDriver), 5 s later ----
const appMiB = await memoryOf(APP, { QALAM_LIBRARY: library, DISPLAY: process.env.DISPLAY });
const bareMiB = await memoryOf(BARE, { DISPLAY: process.env.DISPLAY });
await stopDriver();

console.log(`Qalam editor performance (Xvfb, ${editorWords} words in the editor, ${words} blocks)`);
console.log(`  cold start to the last draft, editable     median ${ms(pct(wall, 0.5))}  max ${ms(Math.max(...wall))}  (wall clock from the launch request, WebDriver session included)`);
console.log(`                                             median ${ms(pct(inPage, 0.5))}  max ${ms(Math.max(...inPage))}  (in the page, from its navigation start)`);
console.log(`  keystroke → frame, ${latencies.length} keys             p50 ${ms(pct(latencies, 0.5))}  p95 ${ms(pct(latencies, 0.95))}  max ${ms(Math.max(...latencies))}`);
console.log(`  memory (PSS, all processes)                Qalam ${appMiB.toFixed(0)} MiB   bare Tauri window ${bareMiB.toFixed(0)} MiB   ratio ${(appMiB / bareMiB).toFixed(2)}×`);
