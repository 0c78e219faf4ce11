// Export and import of packages from the window: the export dialog with its warnings, progress
// and result; the zip on disk verified by the CLI; the same zip imported back through the
// sidebar, which asks before touching the article already there.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { byTestId, By, cli, documentsDir, launch, newLibrary, openDetails, quit, ROOT, startDriver, stopDriver, until, withApp, openDialog } from "./harness.mjs";

describe("packages from the window", () => {
  const library = newLibrary();
  before(() => startDriver(library));
  after(() => stopDriver());

  it("blocks on errors, exports the seed with a lead image after its warnings are accepted, and imports it back", async () => {
    const driver = await launch();
    try {
      await driver.findElement(byTestId("open-sample")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")).startsWith("قوات أميركية"), 5000);

      // A lead image without alt text is an error: the export is blocked and the error listed.
      await openDetails(driver);
      await driver.findElement(byTestId("hero-file")).sendKeys(join(ROOT, "icons/icon.png"));
      await driver.wait(until.elementIsVisible(driver.findElement(byTestId("hero-alt"))), 5000);
      await (await openDialog(driver, "export", "export-start")).click();
      const error = await driver.wait(async () => (await driver.findElements(By.css("[data-testid=export-findings] .finding.error")))[0], 10000);
      assert.equal(await error.getAttribute("data-code"), "hero-alt");
      assert.equal((await driver.findElements(byTestId("export-anyway"))).length, 0, "errors cannot be accepted");
      await error.click();
      await driver.wait(async () => !(await driver.findElement(byTestId("export-dialog")).isDisplayed()), 5000);
      await driver.findElement(byTestId("hero-alt")).sendKeys("شعار قلم");

      await (await openDialog(driver, "export", "export-start")).click();
      // The seed's pull-quote is longer than the house limit: a warning, listed, to be accepted.
      const findings = await driver.wait(async () => {
        const list = await driver.findElement(byTestId("export-findings"));
        return (await list.isDisplayed()) && (await list.findElements(By.css(".finding.warning"))).length > 0 ? list : null;
      }, 10000);
      assert.match(await findings.getText(), /الاقتباس البارز طويل/);
      await driver.findElement(byTestId("export-anyway")).click();
      const pathElement = await driver.wait(async () => (await driver.findElements(byTestId("export-path")))[0], 30000);
      const path = await pathElement.getText();
      assert.ok(path.startsWith(join(documentsDir(), "Qalam")), path);
      // The lead image changed the working copy: the export recorded it as revision 2 (the blocked
      // attempt recorded nothing).
      assert.ok(path.endsWith("-r2.zip"), path);
      assert.ok(existsSync(path));
      const sha = (await driver.findElement(byTestId("export-sha256")).getText()).replace("SHA-256 ", "");
      assert.equal(sha, createHash("sha256").update(readFileSync(path)).digest("hex"));
      writeFileSync(join(ROOT, "ui/screenshots/export.png"), await driver.takeScreenshot(), "base64");
      await driver.findElement(byTestId("export-close")).click();

      // The CLI takes the package into another library: it is a whole, valid package.
      const other = newLibrary();
      const imported = JSON.parse(cli(other, "import-package", path, "--json"));
      assert.equal(imported.outcome, "created");
      const article = JSON.parse(cli(other, "show", imported.id, "--format", "json"));
      assert.match(article.article.meta.hero.src, /^assets\/[0-9a-f]{64}\.jpg$/, "the lead image came with the package");
      assert.equal(article.article.meta.hero.alt, "شعار قلم");

      // Back into the app's own library: the article is there, so the app asks first.
      await driver.findElement(byTestId("import-package-file")).sendKeys(path);
      const keepBoth = await driver.wait(async () => (await driver.findElements(byTestId("import-keep-both")))[0], 10000);
      assert.match(await driver.findElement(byTestId("banner")).getText(), /موجود في المكتبة/);
      await keepBoth.click();
      await driver.wait(async () => (await driver.findElements(byTestId("import-done"))).length === 1, 10000);
      const rows = await driver.findElement(byTestId("draft-list")).findElements(By.css(".draft-row"));
      assert.equal(rows.length, 2);
      assert.equal(JSON.parse(cli(library, "list", "--json")).length, 2);
    } finally {
      await quit(driver);
    }
  });

  it("cancels an export while its pictures are processed, and writes nothing", async () => {
    // Four large photographs (ImageMagick, installed by .ci/install) keep the export busy. They
    // must differ: the export processes each distinct picture once, and one picture alone can be
    // done before the click arrives. Mirrored copies of one plasma are cheaper than four plasmas.
    const photos = [0, 1, 2, 3].map((i) => join(documentsDir(), "..", `large-${i}.jpg`));
    execFileSync("convert", ["-size", "6000x4000", "plasma:fractal", "-quality", "90", photos[0]]);
    for (const [i, turn] of [[1, "-flop"], [2, "-flip"], [3, "-transpose"]]) {
      execFileSync("convert", [photos[0], turn, "-quality", "90", photos[i]]);
    }
    await withApp(async (driver) => {
      await driver.findElement(byTestId("new-draft")).click();
      await driver.findElement(byTestId("title")).sendKeys("خبر مصوّر كبير");
      await driver.findElement(By.css('[data-testid="category"] option[value="سياسة"]')).click();
      await driver.findElement(byTestId("editor")).click();
      for (let i = 0; i < 4; i++) {
        await driver.findElement(byTestId("image-file")).sendKeys(photos[i]);
        await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] figure.image-block"))).length === i + 1, 10000);
      }
      await (await openDialog(driver, "export", "export-start")).click();
      const cancel = await driver.wait(async () => (await driver.findElements(byTestId("export-cancel")))[0], 10000);
      // The bar is redrawn (indeterminate, then counting) as the first picture starts: a bar
      // found just before that is gone by the time it is asked, so ask again.
      await driver.wait(async () => {
        try {
          return await driver.findElement(byTestId("export-progress")).isDisplayed();
        } catch {
          return false;
        }
      }, 5000);
      await cancel.click();
      const message = await driver.findElement(byTestId("export-message"));
      await driver.wait(async () => (await message.getText()).length > 0, 30000);
      assert.match(await message.getText(), /أُلغي التصدير/);
      const written = existsSync(join(documentsDir(), "Qalam")) ? readdirSync(join(documentsDir(), "Qalam")) : [];
      assert.ok(!written.some((name) => name.startsWith("خبر-مصور-كبير")), written.join(", "));
    });
  });
});
