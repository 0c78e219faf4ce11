// End to end: the house style a chief issued reaches a journalist's window. The chief signs the
// rules in her own library; the journalist's library takes the signed sheet (after trusting the
// chief's roster); the journalist opens her story with the mouse and sees, in the checker panel,
// each place a rule applies with the publication's replacement, in Arabic.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, byTestId, cli, newLibrary, openDraft, startDriver, stopDriver, withApp } from "./harness.mjs";

const library = newLibrary();
const chief = newLibrary();
const ARTIFACTS = join(ROOT, "target/e2e-artifacts");
const work = join(ARTIFACTS, "house-style");

const RULES = {
  format: "qalam-house-style",
  version: 1,
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
  it("lists each place a chief's rule applies in the checker panel, with the replacement", async () => {
    const story = join(work, "story.md");
    writeFileSync(story, "---\ntitle: وترامب يصل إلى بغداد\ncategory: سياسة\n---\n\nقالت مصادر مطلعة إن الزيارة قصيرة.\n");
    const id = cli(library, "import", story).trim();
    await withApp(async (driver) => {
      await openDraft(driver, id);
      await driver.findElement(byTestId("tab-checker")).click();
      const panel = await driver.findElement(byTestId("checker"));
      await driver.wait(async () => (await panel.getText()).includes("ترمب"), 5000);
      const text = await panel.getText();
      assert.match(text, /«وترامب»: تكتب الصحيفة «ترمب» \(البديل: «وترمب»\)/);
      assert.match(text, /«مصادر مطلعة»: سمِّ المصدر/);
      writeFileSync(join(ARTIFACTS, "house-style.png"), await driver.takeScreenshot(), "base64");
    });
    // The window showed the rules; the story is as she wrote it.
    assert.match(cli(library, "show", id, "--format", "md"), /وترامب يصل/);
  });
});
