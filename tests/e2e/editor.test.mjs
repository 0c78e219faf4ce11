// End-to-end tests of the editor window, on the real binary.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { By, Key, ROOT, byTestId, cli, killApp, launch, newLibrary, openDetails, openDraft, quit, startDriver, stopDriver, until, waitForSaved, withApp } from "./harness.mjs";

const library = newLibrary();
const ARTIFACTS = join(ROOT, "target/e2e-artifacts");

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await startDriver(library);
});
after(stopDriver);

async function typeInEditor(driver, ...keys) {
  const editor = await driver.findElement(byTestId("editor"));
  await editor.sendKeys(...keys);
}

async function click(driver, testid) {
  await driver.findElement(byTestId(testid)).click();
}

/** Starts a new draft titled `title`, lets `fill` write the rest, and returns its id once saved. */
async function writeNewDraft(driver, title, fill) {
  await click(driver, "new-draft");
  await driver.findElement(byTestId("title")).sendKeys(title);
  await fill();
  await sleep(100);
  await waitForSaved(driver);
  return driver.findElement(By.css(".draft-row.current")).getAttribute("data-id");
}

function onlyId() {
  const rows = JSON.parse(cli(library, "list", "--json"));
  return rows;
}

describe("the editor", () => {
  it("offers the seed article as a sample on an empty library", async () => {
    const empty = newLibrary();
    await stopDriver();
    await startDriver(empty);
    const driver = await launch();
    try {
      await click(driver, "open-sample");
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")).startsWith("قوات أميركية تغادر سوريا"), 5000);
      const row = await driver.findElement(By.css(".draft-row.current"));
      assert.match(await row.getText(), /مسودة/, "the sidebar shows the draft's status");
    } finally {
      await quit(driver);
      await stopDriver();
      await startDriver(library);
    }
  });

  it("writes a structured Arabic article that survives a restart", async () => {
    await withApp(async (driver) => {
      await click(driver, "new-draft");
      const title = await driver.findElement(byTestId("title"));
      await title.sendKeys("قوات أميركية تغادر سوريا");
      await openDetails(driver);
      await driver.findElement(byTestId("kicker")).sendKeys("تجاهل اتفاقات الانسحاب");
      await driver.findElement(byTestId("editor")).click();
      await typeInEditor(driver, "في خرق فاضح للاتفاقيات الموقعة، من نحو 2,000 جندي إلى 1,400 (Pentagon).", Key.ENTER);
      await typeInEditor(driver, "## تمركز مفاجئ", Key.ENTER);
      await typeInEditor(driver, "وفي سياق متصل، أفاد مصدر أمني.");
      // The paragraph becomes the pull-quote; the caret waits on its attribution line.
      await click(driver, "insert-pullquote");
      await typeInEditor(driver, "مصدر سياسي عراقي");
      await click(driver, "insert-related");
      await typeInEditor(driver, "مرشح رئاسي يعرض ولاءه");
      const url = await driver.findElement(byTestId("related-url"));
      await url.sendKeys("https://example.org/related/1", Key.TAB);
      await sleep(100);
      await waitForSaved(driver);
    });

    const rows = onlyId();
    assert.equal(rows.length, 1);
    const md = cli(library, "show", rows[0].id, "--format", "md");
    assert.match(md, /title: قوات أميركية تغادر سوريا/);
    assert.match(md, /kicker: تجاهل اتفاقات الانسحاب/);
    assert.match(md, /في خرق فاضح للاتفاقيات الموقعة، من نحو 2,000 جندي إلى 1,400 \(Pentagon\)\./);
    assert.match(md, /\n## تمركز مفاجئ\n/);
    assert.match(md, /> \[!PULLQUOTE\]\n> وفي سياق متصل، أفاد مصدر أمني\.\n> — مصدر سياسي عراقي/);
    assert.match(md, /> \[!RELATED\]\n> - \[مرشح رئاسي يعرض ولاءه\]\(https:\/\/example\.org\/related\/1\)/);

    await withApp(async (driver) => {
      // The last draft opens by itself, with everything in place.
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")) === "قوات أميركية تغادر سوريا", 10000);
      const text = await driver.findElement(byTestId("editor")).getText();
      assert.match(text, /تمركز مفاجئ/);
      assert.match(text, /مصدر سياسي عراقي/);
      const heading = await driver.findElement(By.css("[data-testid=editor] h2"));
      assert.equal(await heading.getText(), "تمركز مفاجئ");
    });
  });

  it("keeps text typed one second before the app is killed", async () => {
    await withApp(async (driver) => {
      await driver.findElement(byTestId("editor")).click();
      await typeInEditor(driver, Key.END, Key.ENTER, "فقرة كُتبت قبل الانهيار مباشرة");
      await sleep(1000 + 700);
      killApp();
    });
    const id = onlyId()[0].id;
    assert.match(cli(library, "show", id, "--format", "md"), /فقرة كُتبت قبل الانهيار مباشرة/);
  });

  it("restores a revision from the revisions panel", async () => {
    await withApp(async (driver) => {
      const title = await driver.findElement(byTestId("title"));
      await driver.findElement(byTestId("editor")).click();
      await driver.actions().keyDown(Key.CONTROL).sendKeys("s").keyUp(Key.CONTROL).perform();
      await waitForSaved(driver);
      await title.sendKeys(Key.END, " (محدث)");
      await driver.actions().keyDown(Key.CONTROL).sendKeys("s").keyUp(Key.CONTROL).perform();
      await waitForSaved(driver);
      await click(driver, "tab-revisions");
      const list = await driver.findElement(byTestId("revisions"));
      await driver.wait(async () => (await list.findElements(By.css("li"))).length >= 2, 5000);
      const buttons = await list.findElements(By.css("button"));
      // The oldest revision (last in the list) is the first autosave-free state of the draft.
      await buttons[buttons.length - 1].click();
      await driver.wait(async () => !(await driver.findElement(byTestId("title")).getAttribute("value")).includes("محدث"), 5000);
    });
    const id = onlyId()[0].id;
    assert.doesNotMatch(cli(library, "show", id, "--format", "md"), /محدث/);
    assert.ok(JSON.parse(cli(library, "revisions", id, "--json")).some((r) => r.kind === "restore"));
  });

  it("searches the library the Arabic-aware way", async () => {
    const seed = cli(library, "import", join(ROOT, "src-tauri/assets/sample-article.md")).trim();
    await withApp(async (driver) => {
      const search = await driver.findElement(byTestId("search"));
      await search.sendKeys("قاعده عين الاسد");
      const list = await driver.findElement(byTestId("draft-list"));
      await driver.wait(async () => (await list.findElements(By.css(".draft-snippet"))).length === 1, 5000);
      const rows = await list.findElements(By.css(".draft-row"));
      assert.equal(rows.length, 1);
      assert.equal(await rows[0].getAttribute("data-id"), seed);
      assert.match(await rows[0].getText(), /«الأسد»/);
    });
  });

  it("shows the seed article and saves a screenshot of it", async () => {
    const seed =
      onlyId().find((r) => r.title.startsWith("قوات أميركية تغادر سوريا وتعيد"))?.id ??
      cli(library, "import", join(ROOT, "src-tauri/assets/sample-article.md")).trim();
    await withApp(async (driver) => {
      await openDraft(driver, seed);
      await driver.wait(async () => (await driver.findElement(byTestId("title")).getAttribute("value")).includes("رغم الاتفاقات"), 5000);
      const preview = await driver.findElement(byTestId("preview"));
      await driver.wait(async () => (await preview.getText()).includes("20 نيسان 2025"), 5000);
      await openDetails(driver);
      assert.equal(await driver.findElement(byTestId("date-label")).getText(), "20 نيسان 2025");
      // Folded again for the screenshot: writing first.
      await click(driver, "details-toggle");
      await click(driver, "tab-checker");
      const findings = await driver.findElement(byTestId("checker")).getText();
      assert.match(findings, /الاقتباس البارز طويل/);
      await click(driver, "tab-preview");
      const png = await driver.takeScreenshot();
      writeFileSync(join(ARTIFACTS, "editor-seed.png"), png, "base64");
    });
  });

  it("adds an image from disk with its alt text, caption and credit", async () => {
    let driver = await launch();
    let id;
    try {
      id = await writeNewDraft(driver, "خبر مصوّر", async () => {
        await driver.findElement(byTestId("editor")).click();
        await typeInEditor(driver, "فقرة قبل الصورة");
        await driver.findElement(byTestId("image-file")).sendKeys(join(ROOT, "icons/icon.png"));
        const alt = await driver.wait(until.elementLocated(byTestId("image-alt")), 5000);
        await alt.sendKeys("شعار قلم", Key.TAB);
        await driver.findElement(byTestId("image-caption")).sendKeys("الحرف ق على أحمر", Key.TAB);
        await driver.findElement(byTestId("image-credit")).sendKeys("قلم", Key.TAB);
      });
    } finally {
      await quit(driver);
    }
    const md = cli(library, "show", id, "--format", "md");
    assert.match(md, /\n!\[شعار قلم\]\(assets\/[0-9a-f]{64}\.png "الحرف ق على أحمر"\)\n/, md);
    assert.match(md, /\nimage_credits:\n  assets\/[0-9a-f]{64}\.png: قلم\n/, md);
    driver = await launch();
    try {
      await openDraft(driver, id);
      const img = await driver.wait(until.elementLocated(By.css("[data-testid=editor] figure.image-block img[src^='blob:']")), 5000);
      assert.equal(await img.getAttribute("alt"), "شعار قلم");
      await driver.wait(until.elementLocated(By.css("[data-testid=preview] img[src^='blob:']")), 5000);
    } finally {
      await quit(driver);
    }
  });

  it("sets a lead image with alt text, caption and credit", async () => {
    const driver = await launch();
    let id;
    try {
      id = await writeNewDraft(driver, "خبر بصورة رئيسية", async () => {
        await openDetails(driver);
        await driver.findElement(byTestId("hero-file")).sendKeys(join(ROOT, "icons/icon.png"));
        const alt = await driver.wait(until.elementIsVisible(driver.findElement(byTestId("hero-alt"))), 5000);
        await alt.sendKeys("شعار قلم الأحمر");
        await driver.findElement(byTestId("hero-caption")).sendKeys("شعار البرنامج");
        await driver.findElement(byTestId("hero-credit")).sendKeys("انفوبلس");
      });
    } finally {
      await quit(driver);
    }
    const md = cli(library, "show", id, "--format", "md");
    assert.match(md, /\nhero:\n  src: assets\/[0-9a-f]{64}\.png\n  alt: شعار قلم الأحمر\n  caption: شعار البرنامج\n  credit: انفوبلس\n/, md);
  });

  it("takes the date as day, month by name and year, and shows it the publication's way", async () => {
    let id;
    await withApp(async (driver) => {
      id = await writeNewDraft(driver, "خبر مؤرخ", async () => {
        await openDetails(driver);
        await driver.findElement(By.css('[data-testid="date-day"] option[value="20"]')).click();
        const month = await driver.findElement(byTestId("date-month"));
        assert.match(await month.getText(), /كانون الثاني[\s\S]*نيسان[\s\S]*كانون الأول/, "months by their Levantine names");
        await driver.findElement(By.css('[data-testid="date-month"] option[value="4"]')).click();
        await driver.findElement(byTestId("date-year")).sendKeys("2025");
        await driver.wait(async () => (await driver.findElement(byTestId("date-label")).getText()) === "20 نيسان 2025", 5000);
      });
    });
    assert.match(cli(library, "show", id, "--format", "md"), /\ndate: 2025-04-20\n/);
  });

  it("runs no script from hostile article content, in the editor or the preview", async () => {
    const hostile = join(ROOT, "target/e2e-artifacts/hostile.md");
    writeFileSync(
      hostile,
      [
        "---",
        "title: <img src=x onerror=\"window.__pwned='title'\">",
        "---",
        "",
        "<script>window.__pwned='script'</script>",
        "",
        "<img src=x onerror=\"window.__pwned='img'\"> <svg onload=\"window.__pwned='svg'\"></svg>",
        "",
        "[click me](javascript:window.__pwned='link') and ![x](javascript:window.__pwned='src')",
        "",
        "> [!RELATED]",
        "> - [evil](javascript:window.__pwned='related')",
        "",
      ].join("\n"),
    );
    const id = cli(library, "import", hostile).trim();
    const driver = await launch();
    await openDraft(driver, id);
    const preview = await driver.findElement(byTestId("preview"));
    await driver.wait(async () => (await preview.getText()).includes("click me"), 5000);
    // Click what would be links, in the preview and in the editor.
    for (const a of await preview.findElements(By.css("a"))) await a.click().catch(() => {});
    for (const a of await driver.findElements(By.css("[data-testid=editor] .link"))) await a.click().catch(() => {});
    await sleep(500);
    assert.equal(await driver.executeScript("return window.__pwned === undefined"), true, "a script ran");
    assert.equal((await preview.findElements(By.css("script, svg, img[onerror], a[href^='javascript']"))).length, 0);
    await quit(driver);
  });
});
