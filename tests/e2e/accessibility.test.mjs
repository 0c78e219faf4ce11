// Accessibility, checked by axe-core (WCAG 2.1 A and AA rules) inside the real app: the desk, the
// editor with an article open, its comments and suggestions, the settings with a target, and the export and
// deliver dialogs — no serious or critical violation anywhere.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, accessibilityProblems, byTestId, launch, newLibrary, openDraft, quit, startDriver, stopDriver, until } from "./harness.mjs";

const library = newLibrary();
const work = mkdtempSync(join(tmpdir(), "qalam-e2e-a11y-"));
const qalam = (...args) =>
  execFileSync(CLI, ["--library", library, ...args], { encoding: "utf8", env: { ...process.env, QALAM_KEY_PASSPHRASE: "e2e", QALAM_LANG: "en" } });
let id;

before(async () => {
  qalam("profile", "init", "--name", "سامي نور", "--role", "editor", "--key-file", join(work, "key.json"));
  const story = join(work, "story.md");
  writeFileSync(story, "---\ntitle: افتتاح جسر جديد فوق النهر\ncategory: سياسة\n---\n\nافتتحت البلدية اليوم الجسر الجديد الذي يربط ضفتي النهر.\n\n## حركة السير\n\nقال المهندس إن الجسر يخفف الزحام.\n");
  id = JSON.parse(qalam("import", story, "--json"))[0].id;
  for (const step of ["submit", "start-review"]) qalam(step, id);
  qalam("comment", id, "--quote", "الجسر الجديد", "--text", "ما اسم الجسر؟");
  qalam("suggest", id, "--quote", "يخفف", "--replace-with", "سيخفف");
  qalam("target", "add", "folder", "drive", "--path", work);
  // A list longer than the window, so the sidebar's buttons below it are pushed to its edge.
  const more = [];
  for (let i = 0; i < 20; i++) {
    more.push(join(work, `more-${i}.md`));
    writeFileSync(more[i], `---\ntitle: خبر آخر رقم ${i} عن المدينة والجسر\n---\n\nنص.\n`);
  }
  qalam("import", ...more);
  await startDriver(library);
});
after(stopDriver);

/** Waits for the element `id` to be shown, then for axe to find nothing serious on the screen. */
async function clean(driver, id, what) {
  const shown = await driver.wait(until.elementLocated(byTestId(id)), 10000, `${what} is shown`);
  await driver.wait(until.elementIsVisible(shown), 5000, `${what} is visible`);
  assert.deepEqual(await accessibilityProblems(driver), [], what);
}

describe("accessibility", () => {
  it("finds no serious or critical violation on any screen", async () => {
    const driver = await launch();
    try {
      await driver.manage().window().setRect({ width: 1280, height: 800 });
      await clean(driver, "desk", "the desk");
      await driver.findElement(byTestId("desk-close")).click();
      // Nothing cut at 1280×800: the buttons under a long list are inside the window.
      for (const button of ["trash-toggle", "import-package"]) {
        const [bottom, height] = await driver.executeScript(
          "return [document.querySelector(`[data-testid=${arguments[0]}]`).getBoundingClientRect().bottom, window.innerHeight]",
          button,
        );
        assert.ok(bottom > 0 && bottom <= height, `${button} ends at ${bottom}, the window at ${height}`);
      }
      await openDraft(driver, id);
      await clean(driver, "review-bar", "the editor with an article open");
      await driver.findElement(byTestId("tab-comments")).click();
      await clean(driver, "thread", "the comments");
      await driver.findElement(byTestId("tab-suggestions")).click();
      await clean(driver, "suggestion", "the suggestions, one drawn in the text");
      await driver.findElement(byTestId("settings")).click();
      await clean(driver, "target-row", "the settings with a target");
      await driver.findElement(byTestId("settings-close")).click();
      await driver.findElement(byTestId("export")).click();
      await clean(driver, "export-dialog", "the export dialog");
      await driver.findElement(byTestId("export-close")).click();
      await driver.findElement(byTestId("deliver")).click();
      await clean(driver, "deliver-dialog", "the deliver dialog");
    } finally {
      await quit(driver);
    }
  });
});
