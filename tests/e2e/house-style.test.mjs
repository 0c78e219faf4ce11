// End to end: the house style a chief issued reaches a journalist's window. The chief signs the
// rules in her own library; the journalist's library takes the signed sheet (after trusting the
// chief's roster); the journalist opens her story with the mouse and sees, in the checker panel,
// each place a rule applies with the publication's replacement, in Arabic — and applies each
// replacement with one click; the date shows the Hijri date beside it in the publication's digits.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, byTestId, cli, newLibrary, openDetails, openDraft, startDriver, stopDriver, waitForSaved, withApp } from "./harness.mjs";

const library = newLibrary();
const chief = newLibrary();
const ARTIFACTS = join(ROOT, "target/e2e-artifacts");
const work = join(ARTIFACTS, "house-style");

const RULES = {
  format: "qalam-house-style",
  version: 1,
  publication: { digits: "arabic-indic", hijri: true },
  rules: [
    { id: "trump", kind: "prefer", find: ["ترامب"], replace: "ترمب", message: { ar: "تكتب الصحيفة «ترمب»", en: "we write «ترمب»" } },
    { id: "sources", kind: "needs-source", find: ["مصادر مطلعة"], message: { ar: "سمِّ المصدر" }, severity: "error" },
  ],
};

before(async () => {
  mkdirSync(work, { recursive: true });
  process.env.QALAM_KEY_PASSPHRASE = "عبارة مرور الاختبار";
  const stamp = Date.now();
  cli(chief, "profile", "init", "--name", "رئيسة التحرير", "--role", "chief", "--key-file", join(work, `chief-${stamp}.key`));
  writeFileSync(join(work, "rules.json"), JSON.stringify(RULES));
  cli(chief, "style", "import", join(work, "rules.json"));
  const [roster, sheet] = [join(work, `chief-${stamp}.roster`), join(work, `house-${stamp}.style`)];
  cli(chief, "roster", "export", "--out", roster);
  cli(chief, "style", "export", "--out", sheet);
  cli(library, "profile", "init", "--name", "سارة", "--role", "journalist", "--key-file", join(work, `sara-${stamp}.key`));
  cli(library, "roster", "import", roster);
  cli(library, "style", "import", sheet);
  await startDriver(library);
});
after(stopDriver);

describe("the house style in the window", () => {
  it("lists each place a chief's rule applies, replaces it in one click, and dates the story both ways", async () => {
    const story = join(work, "story.md");
    writeFileSync(story, "---\ntitle: وترامب يصل إلى بغداد\ncategory: سياسة\ndate: 2025-04-20\n---\n\nقالت مصادر مطلعة إن ترامب سيبقى يومين.\n");
    const id = cli(library, "import", story).trim();
    await withApp(async (driver) => {
      await openDraft(driver, id);
      await driver.findElement(byTestId("tab-checker")).click();
      const panel = await driver.findElement(byTestId("checker"));
      await driver.wait(async () => (await panel.getText()).includes("ترمب"), 5000);
      const text = await panel.getText();
      assert.match(text, /«وترامب»: تكتب الصحيفة «ترمب» \(البديل: «وترمب»\)/);
      assert.match(text, /«مصادر مطلعة»: سمِّ المصدر/);
      // Showing the rules changed nothing (read by the CLI beside the open window).
      assert.match(cli(library, "show", id, "--format", "md"), /وترامب يصل/);
      writeFileSync(join(ARTIFACTS, "house-style.png"), await driver.takeScreenshot(), "base64");

      // One click each: the title's «وترامب» and the body's «ترامب»; a needs-source rule offers none.
      const buttons = await driver.findElements(byTestId("finding-replace"));
      assert.deepEqual(await Promise.all(buttons.map((b) => b.getText())), ["استبدل بـ«وترمب»", "استبدل بـ«ترمب»"]);
      for (let left = 2; left > 0; left--) {
        await (await driver.findElements(byTestId("finding-replace")))[0].click();
        await driver.wait(async () => (await driver.findElements(byTestId("finding-replace"))).length === left - 1, 5000);
      }
      assert.equal(await driver.findElement(byTestId("title")).getAttribute("value"), "وترمب يصل إلى بغداد");
      assert.match(await driver.findElement(byTestId("editor")).getText(), /إن ترمب سيبقى/);
      assert.doesNotMatch(await panel.getText(), /ترامب/);

      // The date as the publication prints it: both calendars, its digits.
      await openDetails(driver);
      const date = await driver.findElement(byTestId("date-label"));
      await driver.wait(async () => (await date.getText()).includes("شوال"), 5000);
      assert.equal(await date.getText(), "٢٠ نيسان ٢٠٢٥ / ٢٢ شوال ١٤٤٦");
      await waitForSaved(driver);
      // Saved while the window is open, after the CLI read the library beside it.
      assert.match(cli(library, "show", id, "--format", "md"), /title: وترمب يصل إلى بغداد/);
    });
    // The replacements were her edits, saved like any other; the digits stay as she typed them.
    const saved = cli(library, "show", id, "--format", "md");
    assert.match(saved, /title: وترمب يصل إلى بغداد/);
    assert.match(saved, /إن ترمب سيبقى/);
    assert.match(saved, /date: 2025-04-20/);
  });
});
