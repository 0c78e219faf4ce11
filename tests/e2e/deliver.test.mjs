// Delivering from the window to a real WordPress on loopback (tests/wordpress/site.sh): the
// target added in Settings → Targets with the mouse (its password to the app's keychain) and
// tested; the story delivered from its dialog, the state watched until delivered; the post then
// read back from WordPress itself. Then, approved, it is scheduled with the mouse for a day and an
// hour in the publication's zone: WordPress holds it as scheduled for exactly that time. Delivered
// as published now, its record takes the publish step signed with the editor's key; edited and
// approved again, it is corrected from the review bar with the mouse: the site's post is
// published now with the correction at its end.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By, Key, ROOT, byTestId, cli, launch, newLibrary, openDraft, quit, startDriver, stopDriver, until } from "./harness.mjs";

const library = newLibrary();
const siteDir = mkdtempSync(join(tmpdir(), "qalam-e2e-wordpress-"));
const siteScript = join(ROOT, "tests/wordpress/site.sh");
let site = {};
let id;

before(async () => {
  execFileSync("bash", [siteScript, "start", siteDir], { stdio: ["ignore", "ignore", "inherit"] });
  for (const line of readFileSync(join(siteDir, "site.env"), "utf8").split("\n")) {
    const [key, value] = line.split("=");
    if (key) site[key] = value.replace(/'/g, "");
  }
  // An editor's profile (its key in a file) approves the story from the CLI before it is scheduled.
  process.env.QALAM_KEY_PASSPHRASE = "e2e";
  const keys = join(ROOT, "target/e2e-artifacts/deliver");
  mkdirSync(keys, { recursive: true });
  cli(library, "profile", "init", "--name", "مها", "--role", "editor", "--key-file", join(keys, `editor-${Date.now()}.key`));
  await startDriver(library, { keychain: true });
  const story = join(siteDir, "story.md");
  writeFileSync(story, "---\ntitle: افتتاح جسر جديد فوق النهر\nstandfirst: افتُتح الجسر بعد ثلاث سنوات من العمل.\ncategory: سياسة\n---\n\nافتتحت البلدية اليوم الجسر الجديد الذي يربط ضفتي النهر.\n\n## حركة السير\n\nقال المهندس المسؤول إن الجسر يخفف الزحام في وسط المدينة.\n");
  id = JSON.parse(cli(library, "import", story, "--json"))[0].id;
});

after(async () => {
  await stopDriver();
  execFileSync("bash", [siteScript, "stop", siteDir]);
});

const posts = () =>
  JSON.parse(
    execFileSync("curl", ["-sS", "-u", `admin:${site.WP_ADMIN_PASSWORD}`, `${site.WP_URL}/wp-json/wp/v2/posts?status=draft,publish,pending,future&context=edit`], { encoding: "utf8" }),
  );

describe("delivery from the window", () => {
  it("adds a WordPress target in the settings, delivers from the dialog and the post is on the site", async () => {
    const driver = await launch();
    try {
      await openDraft(driver, id);
      await driver.findElement(byTestId("settings")).click();
      const name = await driver.wait(until.elementLocated(byTestId("target-name")), 5000);
      await driver.wait(until.elementIsVisible(name), 5000);
      await name.sendKeys("الموقع");
      await driver.findElement(byTestId("target-url")).sendKeys(site.WP_URL);
      await driver.findElement(byTestId("target-user")).sendKeys("editor");
      await driver.findElement(byTestId("target-secret")).sendKeys(site.WP_EDITOR_PASSWORD);
      await driver.findElement(byTestId("target-sections")).sendKeys("سياسة=سياسة");
      await driver.findElement(byTestId("target-add")).click();
      const message = await driver.findElement(byTestId("targets-message"));
      await driver.wait(async () => /الموقع/.test(await message.getText()), 10000, "the target is added");
      await driver.findElement(byTestId("target-test")).click();
      const result = await driver.wait(until.elementLocated(byTestId("target-result")), 10000);
      await driver.wait(async () => /editor/.test(await result.getText()), 15000, "the test answers");
      assert.match(await result.getText(), /ينشر: نعم/);
      await driver.findElement(byTestId("settings-close")).click();

      await driver.findElement(byTestId("deliver")).click();
      const dialog = await driver.wait(until.elementLocated(byTestId("deliver-dialog")), 5000);
      await driver.wait(until.elementIsVisible(dialog), 5000);
      await driver.findElement(byTestId("deliver-send")).click();
      const row = await driver.wait(until.elementLocated(byTestId("delivery")), 10000);
      await driver.wait(async () => (await row.getAttribute("data-state")) === "delivered", 30000, "delivered");
      assert.match(await driver.findElement(byTestId("delivery-state")).getText(), /سُلّم/);
      assert.match(await driver.findElement(byTestId("delivery-url")).getText(), /^http:\/\/127\.0\.0\.1/);

      const onSite = posts();
      assert.equal(onSite.length, 1);
      assert.equal(onSite[0].title.raw, "افتتاح جسر جديد فوق النهر");
      assert.equal(onSite[0].status, "draft");
      assert.match(onSite[0].content.raw, /<!-- wp:heading -->\n<h2>حركة السير<\/h2>/);
      // The password went to the keychain: the library file does not hold it.
      assert.ok(!readFileSync(library).includes(Buffer.from(site.WP_EDITOR_PASSWORD)));
      await driver.findElement(byTestId("deliver-close")).click();
    } finally {
      await quit(driver);
    }
  });

  it("schedules the approved story with the mouse for a day and an hour in the publication's zone", async () => {
    for (const step of ["submit", "start-review", "approve"]) cli(library, step, id);
    // Two days ahead in Baghdad (UTC+3 all year), at 09:30 there: 06:30 UTC.
    const baghdad = new Date(Date.now() + 2 * 86400000 + 3 * 3600000);
    const [y, m, d] = [baghdad.getUTCFullYear(), baghdad.getUTCMonth() + 1, baghdad.getUTCDate()];
    const pad = (n) => String(n).padStart(2, "0");
    const driver = await launch();
    try {
      await openDraft(driver, id);
      await driver.findElement(byTestId("deliver")).click();
      const dialog = await driver.wait(until.elementLocated(byTestId("deliver-dialog")), 5000);
      await driver.wait(until.elementIsVisible(dialog), 5000);
      const pick = (testid, value) => driver.findElement(By.css(`[data-testid="${testid}"] option[value="${value}"]`)).click();
      await pick("deliver-status", "publish");
      await driver.findElement(byTestId("deliver-schedule-it")).click();
      await driver.wait(until.elementLocated(byTestId("deliver-schedule")), 5000);
      assert.match(await driver.findElement(byTestId("schedule-zone")).getText(), /بتوقيت بغداد/);
      await pick("schedule-date-day", String(d));
      await pick("schedule-date-month", String(m));
      const year = await driver.findElement(byTestId("schedule-date-year"));
      await year.click();
      await year.sendKeys(String(y));
      await pick("schedule-hour", "09");
      await pick("schedule-minute", "30");
      const spoken = await driver.findElement(byTestId("schedule-spoken")).getText();
      assert.match(spoken, new RegExp(`يُنشر في ${d} .+ ${y} الساعة 09:30 بتوقيت بغداد`));
      writeFileSync(join(ROOT, "ui/screenshots/deliver-schedule.png"), await driver.takeScreenshot(), "base64");
      await driver.findElement(byTestId("deliver-send")).click();
      const scheduled = await driver.wait(until.elementLocated(byTestId("delivery-public")), 30000, "the delivery says what the site holds");
      await driver.wait(async () => /مجدولة/.test(await scheduled.getText()), 30000, "scheduled");
      assert.match(await scheduled.getText(), /09:30/);

      const post = posts().find((p) => p.status === "future");
      assert.ok(post, "WordPress holds it as scheduled");
      assert.equal(post.date_gmt, `${y}-${pad(m)}-${pad(d)}T06:30:00`);
      await driver.findElement(byTestId("deliver-close")).click();

      // The desk shows it in its Scheduled column, with the time its site publishes it.
      await driver.findElement(byTestId("show-desk")).click();
      const card = await driver.wait(
        until.elementLocated(By.css(`[data-status="scheduled"] [data-id="${id}"] [data-testid="card-scheduled"]`)),
        10000,
        "the card is in the Scheduled column",
      );
      assert.match(await card.getText(), /09:30 \(بغداد\)/);
    } finally {
      await quit(driver);
    }
  });

  it("corrects the published story from the review bar, and the site shows the correction", async () => {
    const NOTE = "ورد خطأً أن الجسر يخفف الزحام، والصحيح أنه يخففه في ساعات الذروة فقط.";
    const driver = await launch();
    /** Takes a step on the review bar with the mouse: its button, its note if asked, its passphrase. */
    const step = async (action, note = null) => {
      await (await driver.wait(until.elementLocated(byTestId(`step-${action}`)), 10000, `the ${action} step is offered`)).click();
      const form = await driver.findElements(byTestId("step-note"));
      if (form.length > 0) {
        if (note) await form[0].sendKeys(note);
        if (action === "correct") {
          writeFileSync(join(ROOT, "target/e2e-artifacts/deliver/correct-note.png"), await driver.takeScreenshot(), "base64");
        }
        await driver.findElement(byTestId("confirm-step")).click();
      }
      const asked = await driver
        .wait(async () => {
          const [field] = await driver.findElements(byTestId("passphrase"));
          return field && (await field.isDisplayed()) ? field : null;
        }, 1500)
        .catch(() => null);
      if (asked) await asked.sendKeys("e2e", Key.ENTER);
      await driver.wait(async () => (await driver.findElements(byTestId(`step-${action}`))).length === 0, 10000, `${action} taken`);
    };
    try {
      await openDraft(driver, id);
      // Published now from the Deliver dialog with the mouse: once the site has it, the record
      // takes the publish step, signed with the editor's key (its passphrase asked), as the CLI's.
      await driver.findElement(byTestId("deliver")).click();
      const dialog = await driver.wait(until.elementLocated(byTestId("deliver-dialog")), 5000);
      await driver.wait(until.elementIsVisible(dialog), 5000);
      await driver.findElement(By.css('[data-testid="deliver-status"] option[value="publish"]')).click();
      await driver.findElement(byTestId("deliver-send")).click();
      const passphrase = await driver.wait(async () => {
        const [field] = await driver.findElements(byTestId("passphrase"));
        return field && (await field.isDisplayed()) ? field : null;
      }, 30000, "the passphrase is asked for the publish step");
      await passphrase.sendKeys("e2e", Key.ENTER);
      await driver.findElement(byTestId("deliver-close")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("review-status")).getText()) === "منشورة", 15000, "the record says published");
      assert.equal(posts().find((p) => p.title.raw === "افتتاح جسر جديد فوق النهر")?.status, "publish");
      assert.equal(JSON.parse(cli(library, "status", id, "--json")).status, "published");
      // The corrected text: typed into the story (as its own edit, not a suggestion), then approved again.
      await driver.findElement(byTestId("mode-edit")).click();
      const paragraphs = await driver.findElements(By.css('[data-testid="editor"] p'));
      await paragraphs[paragraphs.length - 1].click();
      await driver.actions().sendKeys(Key.END, " في ساعات الذروة").perform();
      await step("approve");
      await step("correct", NOTE);
      const post = await driver.wait(async () => {
        const found = posts().find((p) => p.content.raw.includes(NOTE));
        return found?.status === "publish" ? found : null;
      }, 30000, "the site shows the correction");
      assert.match(post.content.raw, /<h2>تصحيح<\/h2>/);
      assert.match(post.content.raw, /في ساعات الذروة/);
    } finally {
      await quit(driver);
    }
  });
});
