// The toolbar and the writing-first layout, clicked with the mouse as a journalist would.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { By, ROOT, byTestId, cli, launch, newLibrary, openDetails, openDraft, quit, startDriver, stopDriver, waitForSaved, openDialog } from "./harness.mjs";

const library = newLibrary();

before(() => startDriver(library));
after(stopDriver);

describe("the toolbar and the layout", () => {
  it("has every button on top of its own centre, and a real click on H2 makes a heading", async () => {
    const driver = await launch();
    try {
      await driver.findElement(byTestId("new-draft")).click();
      const editor = await driver.findElement(byTestId("editor"));
      await editor.click();
      await editor.sendKeys("تمركز مفاجئ");
      const buttons = await driver.findElements(By.css("[data-testid=toolbar] button"));
      assert.ok(buttons.length >= 16, `the toolbar's buttons (${buttons.length})`);
      for (const b of buttons) {
        if (!(await b.isDisplayed())) continue; // the link box's button, until the link button opens it
        // What the mouse would hit at the button's centre must be the button (or its text).
        const hit = await driver.executeScript(
          (button) => {
            const r = button.getBoundingClientRect();
            const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return at === button || button.contains(at) ? "" : `${button.dataset.testid} is covered by ${at?.outerHTML.slice(0, 80)}`;
          },
          b,
        );
        assert.equal(hit, "", hit);
        const label = (await b.getAttribute("title")) || (await b.getText());
        assert.ok(label.trim().length > 0, `${await b.getAttribute("data-testid")} has a label or tooltip`);
      }
      const h2 = await driver.findElement(byTestId("heading-2"));
      await driver.actions().move({ origin: h2 }).click().perform();
      await driver.wait(async () => (await driver.findElements(By.css("[data-testid=editor] h2"))).length === 1, 3000);
      assert.equal(await driver.findElement(By.css("[data-testid=editor] h2")).getText(), "تمركز مفاجئ");
    } finally {
      await quit(driver);
    }
  });

  it("switches the whole window to English from the settings, and back", async () => {
    const driver = await launch();
    try {
      const lang = await openDialog(driver, "settings", "settings-lang");
      await lang.findElement(By.css('option[value="en"]')).click();
      await driver.findElement(byTestId("settings-close")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("new-draft")).getText()) === "New article", 3000);
      assert.equal(await driver.findElement(byTestId("tab-checker")).getText(), "Checks");
      assert.equal(await driver.executeScript(() => document.documentElement.dir), "ltr");
      assert.equal(await driver.findElement(byTestId("heading-2")).getAttribute("title"), "Sub-heading");
      // What the shell answers follows too: it holds the language the page told it.
      const when = () => driver.findElement(By.css(".draft-meta time")).getText();
      await driver.wait(async () => /[A-Za-z]/.test(await when()), 3000, "the list's times are in English");
      await (await openDialog(driver, "settings", "settings-lang")).findElement(By.css('option[value="ar"]')).click();
      await driver.findElement(byTestId("settings-close")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("new-draft")).getText()) === "مقال جديد", 3000);
      assert.equal(await driver.executeScript(() => document.documentElement.dir), "rtl");
      await driver.wait(async () => !/[A-Za-z]/.test(await when()), 3000, "the list's times are in Arabic again");
    } finally {
      await quit(driver);
    }
  });

  it("shows a long headline whole and the body without scrolling, the details folded and remembered", async () => {
    const long = "قوات أميركية تغادر سوريا وتعيد تموضعها في العراق رغم الاتفاقات الموقعة مع بغداد وسط تحذيرات من تصعيد جديد";
    const file = join(ROOT, "target/e2e-artifacts/long-headline.md");
    writeFileSync(file, `---\ntitle: ${long}\nkicker: تجاهل اتفاقات الانسحاب\ncategory: سياسة\n---\n\nالفقرة الأولى من نص الخبر تظهر دون تمرير.\n`);
    const id = cli(library, "import", file).trim();
    let driver = await launch();
    try {
      await driver.manage().window().setRect({ width: 1280, height: 800 });
      await openDraft(driver, id);
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")) === long, 5000);
      await driver.sleep(300);
      const title = await driver.findElement(byTestId("title"));
      const fits = await driver.executeScript((t) => t.scrollHeight <= t.clientHeight + 1, title);
      assert.ok(fits, "the whole headline shows, wrapped");
      const firstParagraph = await driver.findElement(By.css("[data-testid=editor] p"));
      const inView = await driver.executeScript((p) => p.getBoundingClientRect().bottom <= window.innerHeight, firstParagraph);
      assert.ok(inView, "the start of the body is on screen without scrolling");
      assert.equal(await driver.findElement(byTestId("details")).getAttribute("open"), null, "details start folded");
      assert.equal(await driver.findElement(byTestId("kicker")).isDisplayed(), false);
      await driver.findElement(byTestId("details-toggle")).click();
      assert.equal(await driver.findElement(byTestId("kicker")).getAttribute("value"), "تجاهل اتفاقات الانسحاب");
      const png = await driver.takeScreenshot();
      writeFileSync(join(ROOT, "target/e2e-artifacts/editor-details.png"), png, "base64");
    } finally {
      await quit(driver);
    }
    driver = await launch();
    try {
      await openDraft(driver, id);
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")) === long, 5000);
      assert.notEqual(await driver.findElement(byTestId("details")).getAttribute("open"), null, "the panel remembers it was open");
    } finally {
      await quit(driver);
    }
  });
  it("adds and reorders related stories with the mouse, and saves them in that order", async () => {
    const id = cli(library, "import", join(ROOT, "src-tauri/assets/sample-article.md")).trim();
    const driver = await launch();
    try {
      await openDraft(driver, id);
      await openDetails(driver);
      const add = await driver.findElement(byTestId("add-related-story"));
      await driver.executeScript((e) => e.scrollIntoView({ block: "center" }), add);
      await driver.actions().move({ origin: add }).click().perform();
      await driver.wait(async () => (await driver.findElements(By.css(".related-story"))).length === 4, 3000);
      const second = (await driver.findElements(By.css(".related-story")))[1];
      await driver.actions().move({ origin: await second.findElement(By.css("button")) }).click().perform();
      await waitForSaved(driver);
    } finally {
      await quit(driver);
    }
    const md = cli(library, "show", id, "--format", "md");
    const titles = [...md.matchAll(/^ {2}- title: (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(titles.map((t) => t.slice(0, 12)), ["من دفاتر الحس", "مرشح رئاسي ي", "من اقتصاد الب"].map((t) => t.slice(0, 12)), "the second story moved up; the empty new one is not saved");
  });
});
