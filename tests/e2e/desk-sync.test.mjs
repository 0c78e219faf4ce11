// The window joined to a real shared desk: `qalam-desk local` (its own PostgreSQL) on loopback.
// The editor joins from the settings with the mouse; the status bar says synced; a colleague's
// submission, made with the CLI on another library, arrives on the desk view by itself (the
// desk's change event wakes the sync worker); the editor starts the review in the window, and
// the colleague's next sync sees it; another editor's take-over of the lock is shown, and taken
// back with a note.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By, CLI, DESK, ROOT, byTestId, keychainAddress, launch, newLibrary, quit, startDriver, stopDriver, until, openDialog } from "./harness.mjs";
import { firstLine } from "./first-line.mjs";

const library = newLibrary();
const deskDir = mkdtempSync(join(tmpdir(), "qalam-e2e-desk-"));
// As root the desk's PostgreSQL runs as the postgres user, who must be able to reach the folder.
chmodSync(deskDir, 0o755);
const journalist = join(mkdtempSync(join(tmpdir(), "qalam-e2e-colleague-")), "lib.sqlite3");
const other = join(mkdtempSync(join(tmpdir(), "qalam-e2e-other-editor-")), "lib.sqlite3");
let desk;
let url;

const env = () => ({ ...process.env, QALAM_LANG: "en", DBUS_SESSION_BUS_ADDRESS: keychainAddress() });
const qalam = (lib, ...args) => execFileSync(CLI, ["--library", lib, ...args], { encoding: "utf8", env: env() });
const admin = (...args) => execFileSync(DESK, [...args, "--data", join(deskDir, "desk")], { encoding: "utf8" });
const codeFor = (name, role) => admin("person", "add", "--name", name, "--role", role).trim().split("\n").pop();

before(async () => {
  desk = spawn(DESK, ["local", "--json", "--listen", "127.0.0.1:0", "--data", join(deskDir, "desk")], { stdio: ["ignore", "pipe", "inherit"] });
  url = JSON.parse(await firstLine(desk, "qalam-desk", 60000)).listening;
  await startDriver(library, { keychain: true });
  qalam(library, "profile", "init", "--name", "مها", "--role", "editor");
  qalam(journalist, "profile", "init", "--name", "سارة", "--role", "journalist");
  qalam(journalist, "desk", "join", url, codeFor("سارة", "journalist"));
});

after(async () => {
  await stopDriver();
  desk?.kill("SIGTERM");
  // A local desk stops its own PostgreSQL (by its data folder) when it is stopped.
  await new Promise((done) => (desk.exitCode !== null ? done() : desk.once("exit", done)));
});

describe("the shared desk in the window", () => {
  it("joins from the settings, shows the sync state, and a colleague's submission arrives", async () => {
    const driver = await launch();
    try {
      // An editor lands on the desk; close it to reach the status bar's settings.
      await driver.wait(until.elementLocated(byTestId("desk-close")), 10000);
      await driver.findElement(byTestId("desk-close")).click();
      await openDialog(driver, "settings", "desk-url");
      await driver.findElement(byTestId("desk-url")).sendKeys(url);
      // A wrong code first: refused in place, in the window's language.
      await driver.findElement(byTestId("desk-code")).sendKeys("AAAAA-BBBBB-CCCCC");
      await driver.findElement(byTestId("desk-join-button")).click();
      const error = await driver.wait(until.elementLocated(byTestId("desk-join-error")), 10000);
      assert.match(await error.getText(), /رمز التسجيل/);
      await driver.findElement(byTestId("desk-code")).clear();
      await driver.findElement(byTestId("desk-code")).sendKeys(codeFor("مها", "editor"));
      await driver.findElement(byTestId("desk-join-button")).click();
      await driver.wait(until.elementLocated(byTestId("desk-joined")), 10000);
      await driver.findElement(byTestId("settings-close")).click();

      // The status bar: synced.
      const state = await driver.wait(until.elementLocated(byTestId("sync-state")), 10000);
      await driver.wait(async () => (await state.getAttribute("data-look")) === "ok", 15000, "synced");
      assert.match(await state.getText(), /متزامن/);

      // The colleague submits on their own laptop; the story arrives without anyone asking.
      const story = join(deskDir, "story.md");
      writeFileSync(story, "---\ntitle: المطر يعود إلى الجنوب\ncategory: محليات\n---\n\nعادت الأمطار إلى محافظات الجنوب بعد انقطاع طويل.\n");
      const id = JSON.parse(qalam(journalist, "import", story, "--json"))[0].id;
      assert.equal(JSON.parse(qalam(journalist, "submit", id, "--json")).desk.state, "sent");
      await driver.findElement(byTestId("show-desk")).click();
      const column = await driver.findElement(By.css("[data-testid=desk-column][data-status=submitted]"));
      await driver.wait(async () => (await column.findElement(byTestId("desk-count")).getText()) === "1", 20000, "the submission arrives");
      const card = await column.findElement(byTestId("desk-card"));
      assert.match(await card.getText(), /المطر يعود إلى الجنوب/);
      assert.match(await card.getText(), /سارة/);
      writeFileSync(join(ROOT, "ui/screenshots/desk-sync.png"), await driver.takeScreenshot(), "base64");

      // The editor starts the review in the window; it goes to the desk, and to the colleague.
      await card.click();
      await driver.wait(until.elementLocated(byTestId("step-start-review")), 10000);
      await driver.findElement(byTestId("step-start-review")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("review-status")).getText()) === "قيد المراجعة", 10000);
      await driver.wait(async () => {
        qalam(journalist, "sync");
        return JSON.parse(qalam(journalist, "status", id, "--json")).status === "in-review";
      }, 20000, "the colleague sees the review start");

      // Another editor takes the story's lock over (through the API, with her own device token):
      // the window says who is editing, and taking it back is logged with a note.
      qalam(other, "profile", "init", "--name", "هدى", "--role", "editor");
      qalam(other, "desk", "join", url, codeFor("هدى", "editor"));
      const device = JSON.parse(qalam(other, "desk", "status", "--json")).desk.device_id;
      const token = execFileSync("secret-tool", ["lookup", "service", "qalam-desk", "username", `${device}@${url}`], { encoding: "utf8", env: env() }).trim();
      const lockApi = (method, body) =>
        fetch(`${url}/v1/locks${method === "GET" ? "" : `/${id}`}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body && JSON.stringify(body),
        });
      assert.equal((await lockApi("POST", { take_over: true, note: "مها مشغولة" })).status, 200);
      const note = await driver.wait(until.elementLocated(byTestId("lock-note")), 45000, "the window hears of the lock");
      assert.match(await note.getText(), /يحرّرها الآن هدى/);
      await driver.findElement(byTestId("take-over")).click();
      await driver.findElement(byTestId("take-over-note")).sendKeys("أكمل المراجعة");
      await driver.findElement(byTestId("confirm-take-over")).click();
      await driver.wait(async () => (await driver.findElements(byTestId("lock-note"))).length === 0, 10000, "the lock is mine again");
      const locks = await (await lockApi("GET")).json();
      assert.equal(locks[0].person_name, "مها");

      // The sync panel lists the outbox and says when the last sync went through.
      await driver.findElement(byTestId("sync-state")).click();
      const last = await driver.wait(until.elementLocated(byTestId("sync-last")), 5000);
      assert.notEqual(await last.getText(), "لم تتم مزامنة بعد");
      await driver.findElement(byTestId("sync-close")).click();
    } finally {
      await quit(driver);
    }
  });
});
