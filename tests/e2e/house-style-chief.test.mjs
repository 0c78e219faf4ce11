// End to end: a chief keeps the house style in her window. With the mouse, in Settings → House
// style, she adds a rule, sets the published digits and the Hijri date, tries the draft on a
// sentence (the core matches it), and issues it — signed with her key after its passphrase is
// asked. Her library then checks with exactly what she issued (read back with the CLI).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { By, Key, ROOT, byTestId, cli, newLibrary, openDialog, startDriver, stopDriver, until, withApp } from "./harness.mjs";

const chief = newLibrary();
const ARTIFACTS = join(ROOT, "target/e2e-artifacts");
const work = join(ARTIFACTS, "house-style-chief");

before(async () => {
  mkdirSync(work, { recursive: true });
  process.env.QALAM_KEY_PASSPHRASE = "e2e";
  cli(chief, "profile", "init", "--name", "رئيسة التحرير", "--role", "chief", "--key-file", join(work, `chief-${Date.now()}.key`));
  await startDriver(chief);
});
after(stopDriver);

async function typeInto(driver, testid, text) {
  const field = await driver.findElement(byTestId(testid));
  await field.click();
  await field.sendKeys(text);
}

describe("the house style in a chief's window", () => {
  it("adds a rule, tries it, sets digits and dates, and issues it signed", async () => {
    await withApp(async (driver) => {
      // A chief's window opens on the desk; the settings are beside the editor.
      await (await driver.wait(until.elementLocated(byTestId("desk-close")), 10000)).click();
      const section = await openDialog(driver, "settings", "house-style");
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'start' })", section);
      assert.match(await driver.findElement(byTestId("style-issued")).getText(), /لم يصدر رئيس التحرير قواعد بعد/);

      await typeInto(driver, "style-rule-id", "trump");
      await typeInto(driver, "style-rule-find", "ترامب");
      await typeInto(driver, "style-rule-replace", "ترمب");
      await typeInto(driver, "style-rule-message", "تكتب الصحيفة «ترمب»");
      await driver.findElement(byTestId("style-rule-submit")).click();
      await driver.wait(async () => (await driver.findElements(byTestId("style-rule"))).length === 1, 5000);

      await driver.findElement(byTestId("style-digits")).click();
      await driver.findElement(By.css('[data-testid="style-digits"] option[value="arabic-indic"]')).click();
      await driver.findElement(byTestId("style-hijri")).click();

      // The draft tried on a sentence, by the core's own matching.
      await typeInto(driver, "style-try-text", "وصل وترامب وترامبولين");
      await driver.findElement(byTestId("style-try")).click();
      const hits = await driver.wait(until.elementLocated(byTestId("style-hits")), 5000);
      await driver.wait(async () => (await hits.getText()).includes("وترمب"), 5000);
      assert.equal((await hits.findElements(By.css("li"))).length, 1, "a fragment is no hit");
      writeFileSync(join(ARTIFACTS, "house-style-chief.png"), await driver.takeScreenshot(), "base64");

      await driver.findElement(byTestId("style-issue")).click();
      const passphrase = await driver.wait(until.elementLocated(byTestId("passphrase")), 5000);
      await driver.wait(until.elementIsVisible(passphrase), 5000);
      await passphrase.sendKeys("e2e", Key.ENTER);
      const done = await driver.wait(until.elementLocated(byTestId("style-done")), 10000);
      assert.match(await done.getText(), /صدرت القواعد/);
      assert.match(await driver.findElement(byTestId("style-issued")).getText(), /أصدرها رئيسة التحرير/);
      await driver.findElement(byTestId("settings-close")).click();
    });
    const kept = JSON.parse(cli(chief, "style", "show", "--json"));
    assert.deepEqual(kept.publication, { digits: "arabic-indic", hijri: true });
    assert.deepEqual(kept.rules.map((r) => [r.id, r.find, r.replace, r.message.ar]), [["trump", ["ترامب"], "ترمب", "تكتب الصحيفة «ترمب»"]]);
  });
});

