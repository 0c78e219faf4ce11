// The whole journey by keyboard alone — a new article written, submitted, reviewed and approved
// with Tab, Enter and typing, no mouse — and focus never lost when a dialog closes or a step's
// button goes away. The CLI then reads the record from the same library.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, Key, byTestId, launch, newLibrary, quit, startDriver, stopDriver, until, waitForSaved } from "./harness.mjs";

const library = newLibrary();
const work = mkdtempSync(join(tmpdir(), "qalam-e2e-keyboard-"));
const qalam = (...args) =>
  execFileSync(CLI, ["--library", library, ...args], { encoding: "utf8", env: { ...process.env, QALAM_KEY_PASSPHRASE: "e2e", QALAM_LANG: "en" } });

before(async () => {
  qalam("profile", "init", "--name", "سامي نور", "--role", "editor", "--key-file", join(work, "key.json"));
  await startDriver(library);
});
after(stopDriver);

/** The test id of what has focus now ("" for an element without one, "body" for none). */
const focused = (driver) =>
  driver.executeScript(
    "const e = document.activeElement; return !e || e === document.body ? 'body' : (e.closest('[data-testid]')?.dataset.testid ?? '')",
  );

/** Presses Tab until the element `id` has focus, as a keyboard user moves through the window. */
async function tabTo(driver, id, most = 80) {
  for (let i = 0; i < most; i++) {
    if ((await focused(driver)) === id) return;
    await driver.actions().sendKeys(Key.TAB).perform();
  }
  throw new Error(`Tab never reached ${id}`);
}

const press = (driver, ...keys) => driver.actions().sendKeys(...keys).perform();

describe("keyboard only", () => {
  it("writes, submits, reviews and approves a story without the mouse", async () => {
    const driver = await launch();
    try {
      const status = () => driver.findElement(byTestId("review-status")).getText();
      // An editor's window opens on the desk; the editor under it is out of reach until it closes.
      await driver.wait(until.elementLocated(byTestId("desk")), 10000, "the desk is shown");
      for (let i = 0; i < 30; i++) {
        await press(driver, Key.TAB);
        const inDesk = await driver.executeScript("const e = document.activeElement; return !e || e === document.body || !!e.closest('[data-testid=desk]')");
        assert.ok(inDesk, `Tab ${i + 1} left the desk for ${await focused(driver)}`);
      }
      await tabTo(driver, "desk-close");
      await press(driver, Key.ENTER);
      await tabTo(driver, "new-draft");
      await press(driver, Key.ENTER);
      await driver.wait(until.elementLocated(byTestId("review-bar")), 10000, "a new draft is open");
      await tabTo(driver, "title");
      await press(driver, "جسر جديد فوق النهر");
      // The section is among the details: open them with Enter, then pick one with the arrow keys.
      await tabTo(driver, "details-toggle");
      await press(driver, Key.ENTER);
      await tabTo(driver, "category");
      await press(driver, Key.ARROW_DOWN);
      await driver.wait(async () => (await driver.findElement(byTestId("category")).getAttribute("value")) !== "", 3000, "a section is chosen");
      await tabTo(driver, "editor");
      await press(driver, "افتتحت البلدية اليوم الجسر الجديد الذي يربط ضفتي النهر.");
      await press(driver, Key.CONTROL, "s", Key.NULL);
      await waitForSaved(driver);

      // Submit: the key file's passphrase is asked in a dialog, typed, and Enter unlocks it.
      await tabTo(driver, "step-submit");
      await press(driver, Key.ENTER);
      await driver.wait(until.elementIsVisible(await driver.wait(until.elementLocated(byTestId("passphrase")), 5000)), 5000);
      await press(driver, "e2e", Key.ENTER);
      await driver.wait(async () => (await status()) === "مُرسلة", 10000, "submitted");
      // The submit button went away with the step: focus went to the next step, not to nothing.
      assert.notEqual(await focused(driver), "body");

      await tabTo(driver, "step-start-review");
      await press(driver, Key.ENTER);
      await driver.wait(async () => (await status()) === "قيد المراجعة", 10000, "in review");

      await tabTo(driver, "step-approve");
      await press(driver, Key.ENTER);
      await tabTo(driver, "step-note");
      await press(driver, "للنشر");
      await tabTo(driver, "confirm-step");
      await press(driver, Key.ENTER);
      await driver.wait(async () => (await status()) === "معتمدة", 20000, "approved");
      assert.notEqual(await focused(driver), "body");

      // A dialog closed with Escape gives focus back to what opened it.
      await tabTo(driver, "settings");
      await press(driver, Key.ENTER);
      // The settings load when first opened: wait for them to be there, then to be shown.
      await driver.wait(until.elementIsVisible(await driver.wait(until.elementLocated(byTestId("settings-dialog")), 10000)), 5000);
      await press(driver, Key.ESCAPE);
      await driver.wait(async () => (await focused(driver)) === "settings", 3000, "focus is back on the settings button");
    } finally {
      await quit(driver);
    }
    const id = JSON.parse(qalam("list", "--json"))[0].id;
    const state = JSON.parse(qalam("status", id, "--json"));
    assert.equal(state.status, "approved");
    assert.deepEqual(state.history.map((e) => e.body.kind.transition), ["submit", "start-review", "approve"]);
  });
});
