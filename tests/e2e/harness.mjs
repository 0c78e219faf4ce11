// Drives the real Qalam binary under Xvfb through tauri-driver and WebKitWebDriver.
// Each test gets its own library file; the `qalam` CLI reads the same file to check what the app saved.
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { firstLine } from "./first-line.mjs";
import { startKeychain } from "./keychain.mjs";

const require = createRequire(new URL("../../ui/package.json", import.meta.url));
const { Builder, By, Key, until } = require("selenium-webdriver");
export { By, Key, until };

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const APP = process.env.QALAM_E2E_APP ?? join(ROOT, "target/debug/qalam-desktop");
export const CLI = process.env.QALAM_E2E_CLI ?? join(ROOT, "target/debug/qalam");
export const DESK = process.env.QALAM_E2E_DESK ?? join(ROOT, "target/debug/qalam-desk");
const DRIVER = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/tauri-driver");

let xvfb = null;
let driverProcess = null;
let driverEnv = null;
let documents = null;
let driverPort = null;
let keychain = null;

/** A TCP port on loopback that nothing listens on now (the system picks it). */
async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Starts Xvfb on a display it picks itself (-displayfd), so two runs never share one. */
async function startXvfb() {
  const child = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const display = await firstLine(child, "Xvfb");
  return { child, display: `:${display}` };
}

/** The pids of every process below `pid` (Linux /proc), children first found first. */
export function descendants(pid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      /* exited meanwhile */
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Sends `signal` to every process this harness started below tauri-driver (the app, its web
 * processes, WebKitWebDriver). Only our own processes, by pid: never by name, which would also
 * hit a Qalam the user has open. */
export function killStarted(signal = "SIGKILL") {
  if (!driverProcess?.pid) return;
  for (const pid of descendants(driverProcess.pid)) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Kills the app this harness launched (SIGKILL, as a crash would), leaving tauri-driver up. */
export function killApp() {
  if (!driverProcess?.pid) return;
  const app = descendants(driverProcess.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] === APP;
    } catch {
      return false;
    }
  });
  for (const pid of app) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/** The Documents folder the app sees in this run (where it writes packages). */
export function documentsDir() {
  return documents;
}

/** Starts Xvfb (unless a display exists) and tauri-driver, with the app pointed at `library`;
 * with `{ keychain: true }`, also a private Secret Service the app keeps its signing key in. */
export async function startDriver(library, { keychain: withKeychain = false } = {}) {
  if (!process.env.DISPLAY) {
    const started = await startXvfb();
    xvfb = started.child;
    process.env.DISPLAY = started.display;
  }
  // A fresh webview profile each time: settings kept in local storage by an earlier run (say, an
  // English interface) must not leak into these tests.
  const profile = mkdtempSync(join(tmpdir(), "qalam-e2e-profile-"));
  // Exported packages go to the Documents folder: one of this run's own.
  documents = join(profile, "Documents");
  mkdirSync(documents);
  writeFileSync(join(profile, "user-dirs.dirs"), `XDG_DOCUMENTS_DIR="${documents}"\n`);
  driverEnv = {
    ...process.env,
    QALAM_LIBRARY: library,
    LANG: "ar_IQ.UTF-8",
    XDG_DATA_HOME: profile,
    XDG_CACHE_HOME: profile,
    XDG_CONFIG_HOME: profile,
  };
  if (withKeychain) {
    keychain = await startKeychain();
    driverEnv.DBUS_SESSION_BUS_ADDRESS = keychain.address;
  }
  driverPort = await freePort();
  const nativePort = await freePort();
  driverProcess = spawn(DRIVER, ["--port", String(driverPort), "--native-port", String(nativePort)], {
    env: driverEnv,
    stdio: "ignore",
  });
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${driverPort}/status`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error("tauri-driver did not start");
}

/** The private Secret Service's bus of this run (for the CLI to keep its secrets beside the app's). */
export function keychainAddress() {
  return keychain?.address ?? null;
}

export async function stopDriver() {
  killStarted("SIGKILL");
  driverProcess?.kill("SIGTERM");
  driverProcess = null;
  keychain?.stop();
  keychain = null;
  if (xvfb) {
    xvfb.kill("SIGTERM");
    xvfb = null;
    delete process.env.DISPLAY;
  }
  await sleep(300);
}

/** A new library file in its own folder. */
export function newLibrary() {
  return join(mkdtempSync(join(tmpdir(), "qalam-e2e-")), "library.sqlite3");
}

/** Launches the app (a WebDriver session) and waits until its UI is up. */
export async function launch() {
  return launchBinary(APP, "[data-testid=draft-list]");
}

/** How long a new session may take: a cold start is under a second, under a busy CI a few. */
const SESSION_MS = 60_000;

/** Launches `application` under tauri-driver and waits until `ready` (a CSS selector) is shown. */
export async function launchBinary(application, ready) {
  const session = new Builder()
    .usingServer(`http://127.0.0.1:${driverPort}`)
    .withCapabilities({ browserName: "wry", "tauri:options": { application } })
    .build();
  // A session that is never created (once seen: the driver up, no app) fails the test that asked
  // for it instead of holding the whole run until CI's limit.
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no WebDriver session for ${application} within ${SESSION_MS / 1000} s`)), SESSION_MS);
  });
  session.catch(() => {});
  let driver;
  try {
    driver = await Promise.race([session, late]);
  } finally {
    clearTimeout(timer);
  }
  await driver.wait(until.elementLocated(By.css(ready)), 20000);
  return driver;
}

/** Runs `fn` with a launched app and always ends the session, so one failing test cannot leave
 * its app running into the next ones. */
export async function withApp(fn) {
  const driver = await launch();
  try {
    return await fn(driver);
  } finally {
    await quit(driver);
  }
}

/** Ends a session; the app closes with it. Tolerates a session whose app was killed. */
export async function quit(driver) {
  try {
    await driver.quit();
  } catch {
    /* the app may already be gone */
  }
  killApp();
}

export const byTestId = (id) => By.css(`[data-testid="${id}"]`);

/** Clicks a draft in the sidebar, retrying while the list re-renders. */
export async function openDraft(driver, id) {
  await driver.wait(async () => {
    try {
      // An editor's window may open on the desk: the drafts are behind it.
      const desk = await driver.findElements(byTestId("desk-close"));
      if (desk.length > 0 && (await desk[0].isDisplayed())) await desk[0].click();
      await driver.findElement(By.css(`[data-id="${id}"] .draft-title`)).click();
      return true;
    } catch {
      return false;
    }
  }, 5000);
}

/** Opens the article's details panel (kicker, standfirst, date, lead image…) with a real click on
 * its summary, unless it is open already. */
export async function openDetails(driver) {
  const details = await driver.findElement(byTestId("details"));
  if ((await details.getAttribute("open")) === null) {
    await driver.findElement(byTestId("details-toggle")).click();
    await driver.wait(async () => (await details.getAttribute("open")) !== null, 2000);
  }
}

/** Clicks `button` and waits for `inside` (an element of the dialog it opens) to be shown: a
 * dialog's code loads the first time it opens, so it is not there the instant the click returns. */
export async function openDialog(driver, button, inside) {
  await driver.findElement(byTestId(button)).click();
  const shown = await driver.wait(until.elementLocated(byTestId(inside)), 10000, `${inside} is shown`);
  await driver.wait(until.elementIsVisible(shown), 5000, `${inside} is visible`);
  return shown;
}

export async function waitForSaved(driver, timeout = 10000) {
  await driver.wait(async () => (await driver.findElement(byTestId("save-state")).getAttribute("data-state")) === "saved", timeout);
}

/** Runs the CLI on the same library and returns its stdout. */
export function cli(library, ...args) {
  return execFileSync(CLI, ["--library", library, ...args], { encoding: "utf8" });
}

const AXE_SOURCE = readFileSync(join(ROOT, "ui/node_modules/axe-core/axe.min.js"), "utf8");

/** What axe-core (WCAG 2.1 A and AA rules, label-in-name included) finds serious or critical on what the window shows
 * now, one line each: the rule, its help and the elements it names. */
export async function accessibilityProblems(driver) {
  // The window's CSP allows no eval: axe's source goes in as the script WebDriver runs.
  if (!(await driver.executeScript("return !!window.axe"))) await driver.executeScript(`${AXE_SOURCE}\n;return !!window.axe;`);
  const found = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.axe
       .run(document, {
         runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
         // WCAG 2.5.3 (a control's name includes its visible text) is still marked experimental.
         rules: { "label-content-name-mismatch": { enabled: true } },
         resultTypes: ["violations"],
       })
       .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
         .map((v) => v.id + ": " + v.help + " — " + v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").replace(/\\s+/g, " ")).join(" | "))))
       .catch((e) => done(["axe failed: " + e]));`,
  );
  return found;
}
