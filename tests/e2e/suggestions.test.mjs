// Suggesting mode with the mouse, on two machines: an editor opens a
// journalist's story under review, where Suggest is on by default; she replaces a word, deletes a
// phrase and inserts a sentence in Arabic — the text itself never changes. Her hand-off goes to
// the journalist (the CLI carries it), who in her own window accepts one suggestion and rejects
// the others; after quitting and opening again the text and the record are right.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By, CLI, Key, ROOT, byTestId, launch, newLibrary, quit, startDriver, stopDriver, until } from "./harness.mjs";

const editorLibrary = newLibrary();
const journalist = mkdtempSync(join(tmpdir(), "qalam-e2e-author-"));
const journalistLibrary = join(journalist, "lib.sqlite3");
const run = (library) => (...args) =>
  execFileSync(CLI, ["--library", library, ...args], {
    encoding: "utf8",
    env: { ...process.env, QALAM_KEY_PASSPHRASE: "e2e", QALAM_LANG: "en" },
  });
const asJournalist = run(journalistLibrary);
const asEditor = run(editorLibrary);

const STORY =
  "---\ntitle: البرلمان يقرّ الميزانية\ncategory: سياسة\n---\n\nأقرّ البرلمان اليوم الميزانية العامة بعد نقاش طويل، وقال رئيس اللجنة إن العجز سينخفض.\n\nوتتوقع الحكومة نموًا بنسبة ثلاثة في المئة.\n";
const SENTENCE = " وقال الوزير إن الأرقام أولية.";

let id;
before(() => {
  // Two people, each with a key in a passphrase-sealed file, who trust each other's roster.
  asJournalist("profile", "init", "--name", "ليلى حسن", "--role", "journalist", "--key-file", join(journalist, "key.json"));
  asEditor("profile", "init", "--name", "سامي نور", "--role", "editor", "--key-file", join(journalist, "editor-key.json"));
  const rosters = [join(journalist, "author.json"), join(journalist, "editor.json")];
  asJournalist("roster", "export", "--out", rosters[0]);
  asEditor("roster", "export", "--out", rosters[1]);
  asJournalist("roster", "import", rosters[1]);
  asEditor("roster", "import", rosters[0]);
  const story = join(journalist, "story.md");
  writeFileSync(story, STORY);
  id = JSON.parse(asJournalist("import", story, "--json"))[0].id;
  asJournalist("submit", id);
});
after(stopDriver);

/** The viewport point of character `offset` of `text` in the body (its right edge: RTL). */
async function pointAt(driver, text, offset, edge = "right") {
  const box = await driver.executeScript(
    `const editor = document.querySelector("[data-testid=editor]");
     const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
     for (let node = walker.nextNode(); node; node = walker.nextNode()) {
       if (node.parentElement.closest("ins")) continue;
       const at = node.data.indexOf(arguments[0]);
       if (at < 0) continue;
       const range = document.createRange();
       range.setStart(node, at + arguments[1]);
       range.setEnd(node, at + arguments[1] + 1);
       const r = range.getBoundingClientRect();
       return { x: arguments[2] === "right" ? r.right - 1 : r.left + 1, y: r.top + r.height / 2 };
     }
     return null;`,
    text,
    offset,
    edge,
  );
  assert.ok(box, `the body shows ${text}`);
  return { origin: "viewport", x: Math.round(box.x), y: Math.round(box.y) };
}

/** Selects `text` in the body by dragging the mouse across it. */
async function drag(driver, text) {
  const start = await pointAt(driver, text, 0, "right");
  const end = await pointAt(driver, text, text.length - 1, "left");
  await driver.actions().move(start).press().move(end).release().perform();
  assert.equal((await driver.executeScript("return window.getSelection().toString()")).trim(), text.trim());
}

const openSuggestions = (driver) => driver.findElements(By.css("[data-testid=suggestion][data-status=open]"));

describe("suggesting mode", () => {
  it("an editor suggests with the mouse, the author decides in her window, and both last", async () => {
    // The journalist's story arrives on the editor's laptop through the sidebar.
    const handoff = join(journalist, "to-editor.zip");
    asJournalist("handoff", id, "--out", handoff);
    await startDriver(editorLibrary);
    let driver = await launch();
    try {
      await driver.wait(until.elementLocated(byTestId("desk")), 10000, "an editor lands on the desk");
      await driver.findElement(byTestId("desk-close")).click();
      await driver.findElement(byTestId("import-package-file")).sendKeys(handoff);
      await driver.wait(until.elementLocated(byTestId("import-done")), 10000, "the hand-off is in");
      await (await driver.wait(until.elementLocated(byTestId("step-start-review")), 5000)).click();
      await (await driver.wait(until.elementLocated(byTestId("passphrase")), 5000)).sendKeys("e2e", Key.ENTER);
      const status = () => driver.findElement(byTestId("review-status")).getText();
      await driver.wait(async () => (await status()) === "قيد المراجعة", 5000, "in review");

      // Suggest is on for an editor during review; she turns it off and on again with the mouse.
      const pressed = (mode) => driver.findElement(byTestId(`mode-${mode}`)).getAttribute("aria-pressed");
      await driver.wait(async () => (await pressed("suggest")) === "true", 5000, "suggesting by default");
      await driver.findElement(byTestId("mode-edit")).click();
      await driver.wait(async () => (await pressed("edit")) === "true", 3000);
      await driver.findElement(byTestId("mode-suggest")).click();
      await driver.wait(async () => (await pressed("suggest")) === "true", 3000);
      await driver.findElement(byTestId("tab-suggestions")).click();
      await driver.wait(until.elementLocated(byTestId("suggestions")), 5000);
      const editor = await driver.findElement(byTestId("editor"));

      // A word replaced: selected with the mouse, typed over.
      await drag(driver, "سينخفض");
      await editor.sendKeys("سيتراجع");
      // A phrase deleted: the first suggestion is handed over as the mouse goes elsewhere.
      await drag(driver, " بعد نقاش طويل");
      await editor.sendKeys(Key.BACK_SPACE);
      await driver.wait(async () => (await openSuggestions(driver)).length === 1, 10000, "the replacement is recorded");
      // A sentence inserted after the last paragraph's full stop: a click there, then typing.
      await driver.actions().move(await pointAt(driver, "في المئة.", "في المئة.".length - 1, "left")).click().perform();
      await driver.actions().sendKeys(Key.END).perform();
      await editor.sendKeys(SENTENCE);
      await driver.wait(async () => (await openSuggestions(driver)).length === 3, 10000, "all three are recorded");

      // Drawn over the text: struck and inserted words; the text itself is as it was.
      const drawn = await driver.executeScript(
        "return { del: [...document.querySelectorAll('.ProseMirror .suggestion-deleted')].map((e) => e.textContent), ins: [...document.querySelectorAll('.ProseMirror .suggestion-inserted')].map((e) => e.textContent) }",
      );
      assert.deepEqual(drawn.del.sort(), ["سينخفض", " بعد نقاش طويل"].sort());
      assert.deepEqual(drawn.ins.sort(), ["سيتراجع", SENTENCE].sort());
      const stored = asEditor("show", id, "--format", "md");
      assert.ok(stored.includes("العجز سينخفض.") && stored.includes("بعد نقاش طويل") && !stored.includes("أولية"), stored);
      await driver.sleep(200);
      writeFileSync(join(ROOT, "ui/screenshots/suggesting.png"), await driver.takeScreenshot(), "base64");
    } finally {
      await quit(driver);
    }
    await stopDriver();

    // To the author's laptop; she decides in her own window (her key in its file: asked once).
    const back = join(journalist, "to-author.zip");
    asEditor("handoff", id, "--out", back);
    asJournalist("import-package", back);
    await startDriver(journalistLibrary);
    driver = await launch();
    try {
      await driver.wait(until.elementLocated(byTestId("review-bar")), 10000, "her story is open");
      await driver.findElement(byTestId("tab-suggestions")).click();
      await driver.wait(async () => (await openSuggestions(driver)).length === 3, 10000, "three open suggestions");
      const card = async (words) => {
        for (const c of await openSuggestions(driver)) if ((await c.getText()).includes(words)) return c;
        throw new Error(`no open suggestion shows ${words}`);
      };
      await (await card("سيتراجع")).findElement(byTestId("accept-suggestion")).click();
      await (await driver.wait(until.elementLocated(byTestId("passphrase")), 5000)).sendKeys("e2e", Key.ENTER);
      await driver.wait(async () => (await openSuggestions(driver)).length === 2, 10000, "one accepted");
      // The accepted words are in her text at once.
      await driver.wait(async () => (await driver.findElement(byTestId("editor")).getText()).includes("العجز سيتراجع"), 5000);
      await driver.findElement(byTestId("reject-all")).click();
      await driver.findElement(byTestId("suggestions-confirm-yes")).click();
      await driver.wait(async () => (await openSuggestions(driver)).length === 0, 10000, "the others rejected");
    } finally {
      await quit(driver);
    }

    // Quit and opened again: the text and the record are right.
    driver = await launch();
    try {
      await driver.wait(until.elementLocated(byTestId("review-bar")), 10000);
      const text = await driver.findElement(byTestId("editor")).getText();
      assert.ok(text.includes("العجز سيتراجع") && text.includes("بعد نقاش طويل") && !text.includes("أولية"), text);
      await driver.findElement(byTestId("tab-suggestions")).click();
      await driver.wait(async () => (await driver.findElements(By.css("[data-testid=suggestion]"))).length === 3, 5000);
      const states = [];
      for (const c of await driver.findElements(By.css("[data-testid=suggestion]"))) states.push(await c.getAttribute("data-status"));
      assert.deepEqual(states.sort(), ["accepted", "rejected", "rejected"]);
    } finally {
      await quit(driver);
    }
    const record = JSON.parse(asJournalist("status", id, "--json")).history.map((e) => e.body.kind.suggestion?.op ?? e.body.kind.transition);
    assert.deepEqual(record, ["submit", "start-review", "propose", "propose", "propose", "accept", "reject", "reject"]);
    assert.equal(JSON.parse(asJournalist("audit", id, "--json")).sound, true);
  });
});
