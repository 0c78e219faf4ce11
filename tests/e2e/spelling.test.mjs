// Spell checking in the editor: a misspelled Arabic word is underlined after a pause in typing,
// and a right click offers the dictionary's suggestions; choosing one replaces the word.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { By, ROOT, byTestId, newLibrary, startDriver, stopDriver, withApp } from "./harness.mjs";

describe("spell checking", () => {
  before(() => startDriver(newLibrary()));
  after(() => stopDriver());

  it("underlines a misspelled word and replaces it with a suggestion", async () => {
    await withApp(async (driver) => {
      await driver.findElement(byTestId("new-draft")).click();
      await driver.findElement(byTestId("title")).sendKeys("تدقيق إملائي");
      const editor = await driver.findElement(byTestId("editor"));
      await editor.click();
      await editor.sendKeys("كشفت مصادر أمنية عن خطاءكبير في محافظة الأنبار");
      assert.equal(await editor.getAttribute("spellcheck"), "false", "the webview's own checker is off");
      const marked = await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] .misspelled")))[0], 10000);
      assert.equal(await marked.getText(), "خطاءكبير");
      assert.equal((await driver.findElements(By.css("[data-testid=editor] .misspelled"))).length, 1, "correct words are not marked");
      writeFileSync(join(ROOT, "ui/screenshots/spelling.png"), await driver.takeScreenshot(), "base64");

      await driver.actions().contextClick(marked).perform();
      const menu = await driver.wait(async () => (await driver.findElements(byTestId("spelling-menu")))[0], 10000);
      const choices = await menu.findElements(By.css("button"));
      const texts = await Promise.all(choices.map((c) => c.getText()));
      assert.ok(texts.includes("خطاء كبير"), texts.join(" | "));
      await choices[texts.indexOf("خطاء كبير")].click();
      await driver.wait(async () => !(await editor.getText()).includes("خطاءكبير"), 5000);
      assert.match(await editor.getText(), /عن خطاء كبير في محافظة/);
    });
  });
});
