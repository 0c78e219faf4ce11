// The editor's performance figures, each beside its baseline in the same run:
//  - cold start to an editable window showing the last draft (goal ≤ 0.6 s under Xvfb), beside
//    the cold start of a bare Tauri window showing a page;
//  - keystroke to the frame that paints it while typing in a 10,000-word article (goal p95 ≤ 10 ms);
//  - memory of all the app's processes with that article open, next to a bare Tauri window
//    (goal ≤ 1.15×);
//  - a 50,000-word story (a long investigation): cold start (goal ≤ 1.5 s) and typing (goal p95
//    ≤ 16 ms);
//  - typing in Suggest mode in a 10,000-word story with 200 open suggestions (goal p95 ≤ 16 ms),
//    beside typing in Edit mode in the same story and in a bare window holding the same words.
// Run after building: cargo build --features tauri/custom-protocol --bin qalam-desktop --example bare-window
//                     cargo build --bin qalam;  node tests/perf/app-perf.mjs
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, By, CLI, Key, ROOT, byTestId, cli, descendants, launch, launchBinary, newLibrary, quit, startDriver, stopDriver, until } from "../e2e/harness.mjs";

const BARE = join(ROOT, "target/debug/examples/bare-window");
const COLD_STARTS = 5;
/** The mark the window (ui/src/lib/article/draft-session.svelte.ts) and the bare page set. */
const SHOWN_MARK = "qalam:draft-shown";
const KEYSTROKES = 200;

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.round((xs.length - 1) * p))];
const ms = (x) => `${x.toFixed(1)} ms`;
const where = ({ phases: p }) =>
  `key bindings ${ms(p.keydown)} · WebKit's editing ${ms(p.webkit)} · editor's JavaScript ${ms(p.editor)} · to the frame ${ms(p.frame)}`;

/** An article of the seed's body `times` over (ten: about 10,000 words; fifty: 50,000). */
function bigArticle(times, title) {
  const seed = readFileSync(join(ROOT, "src-tauri/assets/sample-article.md"), "utf8");
  const [, front, body] = seed.split(/^---$/m);
  const path = join(ROOT, `target/e2e-artifacts/seed-${times}-times.md`);
  writeFileSync(path, `---${front.replace(/^title: .*$/m, `title: ${title}`)}---\n${Array(times).fill(body.trim()).join("\n\n")}\n`);
  return path;
}

/** The seed's body `times` over with a numbered marker «n» opening every paragraph, so that 200
 * suggestions can each quote words found once. */
function numberedArticle(times, title) {
  const seed = readFileSync(join(ROOT, "src-tauri/assets/sample-article.md"), "utf8");
  const [, front, body] = seed.split(/^---$/m);
  let n = 0;
  const copies = Array(times).fill(body.trim()).join("\n\n");
  const marked = copies.split("\n\n").map((p) => (/^[#>!\-\d]/.test(p) ? p : `«${n++}» ${p}`)).join("\n\n");
  const path = join(ROOT, `target/e2e-artifacts/seed-${times}-numbered.md`);
  writeFileSync(path, `---${front.replace(/^title: .*$/m, `title: ${title}`)}---\n${marked}\n`);
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

/** Cold starts of the app on `library` until its last draft is editable: wall clock from the
 * launch request, and the page's own clock. */
async function coldStarts(times) {
  const wall = [];
  const inPage = [];
  const toFrame = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const launched = Date.now();
    const driver = await launch();
    await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")).length > 0, 20000);
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] h2"))).length > 0, 20000);
    wall.push(performance.now() - t0);
    inPage.push(await driver.executeScript("return performance.now()"));
    toFrame.push((await shownAt(driver)) - launched);
    await quit(driver);
  }
  return { wall, inPage, toFrame };
}

/** When the page marked the frame that shows it (the draft, or the bare window's page), in the
 * machine's clock: the webview's time origin plus the mark, read after the fact so that
 * WebDriver's polling does not add to it. */
async function shownAt(driver) {
  await driver.wait(async () => driver.executeScript(`return performance.getEntriesByName("${SHOWN_MARK}").length > 0`), 20000);
  return driver.executeScript(`return performance.timeOrigin + performance.getEntriesByName("${SHOWN_MARK}")[0].startTime`);
}

/** Keystroke → frame latencies while typing `keys` keys at the end of the open article (in
 * `mode`: the editor's own, "edit" or "suggest" chosen with the mouse; or `bare`, the bare
 * window's editable page). */
async function typing(keys, mode = null) {
  const driver = mode === "bare" ? await launchBinary(BARE, "[data-testid=editor]") : await launch();
  if (mode !== "bare") {
    await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] h2"))).length > 0, 20000);
  }
  if (mode === "edit" || mode === "suggest") {
    // An editor's window opens on the desk: the story is under it.
    await (await driver.wait(until.elementLocated(byTestId("desk-close")), 10000)).click();
    await driver.wait(until.elementIsVisible(await driver.findElement(byTestId(`mode-${mode}`))), 5000);
    await driver.findElement(byTestId(`mode-${mode}`)).click();
    await driver.wait(async () => (await driver.findElement(byTestId(`mode-${mode}`)).getAttribute("aria-pressed")) === "true", 5000);
    // The story's suggestions are drawn before the typing starts.
    await driver.wait(async () => (await driver.findElements(By.css(".ProseMirror .suggestion-inserted"))).length >= 200, 20000);
  }
  const editor = await driver.findElement(byTestId("editor"));
  await editor.click();
  await editor.sendKeys(Key.END);
  // Each keystroke's time, and where it went: the keydown handlers (the editor's key bindings),
  // WebKit's own editing (from the first \`beforeinput\` to the first \`input\`), the editor's
  // JavaScript (ProseMirror reading the change and Qalam's plugins: until a mutation observer
  // made after the editor's is called, which runs after the editor's own), and the wait for the frame.
  await driver.executeScript(`
    window.__keys = [];
    let key = null;
    document.addEventListener("keydown", (e) => {
      const k = { down: e.timeStamp };
      key = k;
      requestAnimationFrame(() => { k.frame = performance.now(); window.__keys.push(k); });
    }, true);
    window.addEventListener("beforeinput", () => { if (key && key.before === undefined) key.before = performance.now(); }, true);
    window.addEventListener("input", () => { if (key && key.input === undefined) key.input = performance.now(); }, true);
    new MutationObserver(() => {
      if (key && key.input !== undefined && key.handled === undefined) key.handled = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  `);
  // One key at a time at a brisk typist's pace (about 8 keys a second), so that each figure is
  // the latency of one keystroke rather than the length of a queue of them.
  const sentence = "وأضاف المصدر أن القوات تحركت ";
  for (let sent = 0; sent < keys; sent++) {
    await editor.sendKeys(sentence[sent % sentence.length]);
    await sleep(120);
  }
  await sleep(500);
  const marks = await driver.executeScript("return window.__keys");
  const latencies = marks.map((k) => k.frame - k.down);
  const typed = marks.filter((k) => k.before !== undefined && k.input !== undefined);
  const phase = (from, to) => pct(typed.map((k) => (k[to] ?? k[from]) - k[from]), 0.5);
  const phases = {
    keydown: phase("down", "before"),
    webkit: phase("before", "input"),
    editor: phase("input", "handled"),
    frame: pct(typed.map((k) => k.frame - (k.handled ?? k.input)), 0.5),
  };
  const words = (await editor.getText()).split(/\s+/).length;
  await quit(driver);
  return { latencies, phases, words };
}

const library = newLibrary();
const id = cli(library, "import", bigArticle(10, "مقال طويل من عشرة آلاف كلمة")).trim();
const words = JSON.parse(cli(library, "show", id, "--json")).article.body.length;
await startDriver(library);

// ---- cold start, and the bare window's beside it ----
const { wall, inPage, toFrame } = await coldStarts(COLD_STARTS);
const bareWall = [];
const bareToFrame = [];
for (let i = 0; i < COLD_STARTS; i++) {
  const t0 = performance.now();
  const launched = Date.now();
  const driver = await launchBinary(BARE, "h1");
  bareWall.push(performance.now() - t0);
  bareToFrame.push((await shownAt(driver)) - launched);
  await quit(driver);
}

// ---- typing latency in the 10,000-word article ----
const typingRun = await typing(KEYSTROKES);
const { latencies, words: editorWords } = typingRun;

// ---- memory, both measured the same way: launched directly (no WebDriver), 5 s later ----
const appMiB = await memoryOf(APP, { QALAM_LIBRARY: library, DISPLAY: process.env.DISPLAY });
const bareMiB = await memoryOf(BARE, { DISPLAY: process.env.DISPLAY });

// ---- a 50,000-word story: the newest draft, and a new webview profile (no draft remembered as
// the last one open), so the window opens on it ----
const longArticle = bigArticle(50, "تحقيق طويل من خمسين ألف كلمة");
const longId = cli(library, "import", longArticle).trim();
await stopDriver();
// The bare window holds the same 50,000 words in one editable element: WebKit's own cost.
process.env.QALAM_BARE_TEXT = longArticle;
await startDriver(library);
const longBlocks = JSON.parse(cli(library, "show", longId, "--json")).article.body.length;
const long = await coldStarts(3);
const longTyping = await typing(KEYSTROKES / 2);
const longBareTyping = await typing(KEYSTROKES / 2, "bare");
await stopDriver();

// ---- Suggest mode: an editor's 10,000-word story with 200 open suggestions, typed in Suggest
// mode, in Edit mode, and the same words in a bare window ----
const suggestLibrary = newLibrary();
const asEditor = (...args) =>
  execFileSync(CLI, ["--library", suggestLibrary, ...args], { encoding: "utf8", env: { ...process.env, QALAM_KEY_PASSPHRASE: "perf" } });
asEditor("profile", "init", "--name", "محررة", "--role", "editor", "--key-file", join(mkdtempSync(join(tmpdir(), "qalam-perf-key-")), "key.json"));
const numbered = numberedArticle(10, "مقال عليه مئتا اقتراح");
const suggestId = asEditor("import", numbered).trim();
for (let n = 0; n < 200; n++) asEditor("suggest", suggestId, "--quote", `«${n}»`, "--replace-with", `«${n}» مقترح`);
process.env.QALAM_BARE_TEXT = numbered;
await startDriver(suggestLibrary);
const suggestTyping = await typing(KEYSTROKES, "suggest");
const editTyping = await typing(KEYSTROKES, "edit");
const bareTyping = await typing(KEYSTROKES, "bare");
await stopDriver();

console.log(`Qalam editor performance (Xvfb, ${editorWords} words in the editor, ${words} blocks)`);
console.log(`  cold start to the last draft, editable     median ${ms(pct(wall, 0.5))}  max ${ms(Math.max(...wall))}  (wall clock from the launch request, WebDriver session included)`);
console.log(`                                             median ${ms(pct(inPage, 0.5))}  max ${ms(Math.max(...inPage))}  (in the page, from its navigation start)`);
console.log(`  bare Tauri window, cold start to its page    median ${ms(pct(bareWall, 0.5))}  max ${ms(Math.max(...bareWall))}  ratio ${(pct(wall, 0.5) / pct(bareWall, 0.5)).toFixed(2)}×`);
console.log(`  cold start to the frame showing it (the page's own mark, no WebDriver polling)`);
console.log(`    Qalam, the last draft                     median ${ms(pct(toFrame, 0.5))}  max ${ms(Math.max(...toFrame))}`);
console.log(`    bare Tauri window, its page               median ${ms(pct(bareToFrame, 0.5))}  max ${ms(Math.max(...bareToFrame))}  ratio ${(pct(toFrame, 0.5) / pct(bareToFrame, 0.5)).toFixed(2)}×`);
console.log(`  keystroke → frame, ${latencies.length} keys             p50 ${ms(pct(latencies, 0.5))}  p95 ${ms(pct(latencies, 0.95))}  max ${ms(Math.max(...latencies))}`);
console.log(`    where a key's time goes (p50): ${where(typingRun)}`);
console.log(`  memory (PSS, all processes)                Qalam ${appMiB.toFixed(0)} MiB   bare Tauri window ${bareMiB.toFixed(0)} MiB   ratio ${(appMiB / bareMiB).toFixed(2)}×`);
console.log(`A 50,000-word story (${longTyping.words} words in the editor, ${longBlocks} blocks)`);
console.log(`  cold start to the story, editable          median ${ms(pct(long.wall, 0.5))}  max ${ms(Math.max(...long.wall))}`);
console.log(`  cold start to the frame showing it         median ${ms(pct(long.toFrame, 0.5))}  max ${ms(Math.max(...long.toFrame))}  (the page's own mark)`);
console.log(`  keystroke → frame, ${longTyping.latencies.length} keys              p50 ${ms(pct(longTyping.latencies, 0.5))}  p95 ${ms(pct(longTyping.latencies, 0.95))}  max ${ms(Math.max(...longTyping.latencies))}`);
console.log(`    where a key's time goes (p50): ${where(longTyping)}`);
console.log(`  bare window, the same words, ${longBareTyping.latencies.length} keys  p50 ${ms(pct(longBareTyping.latencies, 0.5))}  p95 ${ms(pct(longBareTyping.latencies, 0.95))}  max ${ms(Math.max(...longBareTyping.latencies))}  ratio p95 ${(pct(longTyping.latencies, 0.95) / pct(longBareTyping.latencies, 0.95)).toFixed(2)}×`);
console.log(`    where a key's time goes (p50): ${where(longBareTyping)}`);
console.log(`Typing with 200 open suggestions (${suggestTyping.words} words in the editor)`);
for (const [label, run] of [["Suggest mode", suggestTyping], ["Edit mode   ", editTyping], ["bare window ", bareTyping]]) {
  console.log(`  ${label}, ${run.latencies.length} keys               p50 ${ms(pct(run.latencies, 0.5))}  p95 ${ms(pct(run.latencies, 0.95))}  max ${ms(Math.max(...run.latencies))}`);
}
console.log(`  Suggest mode p95 / Edit mode p95 ${(pct(suggestTyping.latencies, 0.95) / pct(editTyping.latencies, 0.95)).toFixed(2)}×   / bare window p95 ${(pct(suggestTyping.latencies, 0.95) / pct(bareTyping.latencies, 0.95)).toFixed(2)}×`);
