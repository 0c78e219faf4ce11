// Caret movement in right-to-left text, at the known failure spots of editor cores: the edges of
// bold text, and next to a pull-quote and a related block. In RTL text the Left arrow moves forward
// in reading order and the Right arrow backward; Backspace deletes the character before the caret.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { Key, byTestId, cli, launch, newLibrary, quit, startDriver, stopDriver, waitForSaved } from "./harness.mjs";

const library = newLibrary();
before(() => startDriver(library));
after(stopDriver);

/** The caret as ProseMirror sees it: the text before it in its block. */
const caret = (driver) =>
  driver.executeScript(`
    const sel = window.getSelection();
    const range = document.createRange();
    const block = sel.anchorNode.parentElement.closest("p, h2, h3, blockquote, figcaption, li");
    range.setStart(block, 0);
    range.setEnd(sel.anchorNode, sel.anchorOffset);
    return range.toString();
  `);

/** The kind of block the caret is in: the tag and class of its closest block element. */
const caretBlock = (driver) =>
  driver.executeScript(`
    const block = window.getSelection().anchorNode;
    const el = (block.nodeType === 1 ? block : block.parentElement).closest("p, h2, h3, blockquote, figcaption, li");
    return el ? (el.tagName + "." + el.className).toLowerCase() : "none";
  `);

describe("the caret in Arabic text", () => {
  it("moves logically across bold edges and deletes the right character", async () => {
    const driver = await launch();
    try {
      await driver.findElement(byTestId("new-draft")).click();
      const editor = await driver.findElement(byTestId("editor"));
      await editor.click();
      const bold = () => driver.actions().keyDown(Key.CONTROL).sendKeys("b").keyUp(Key.CONTROL).perform();
      await editor.sendKeys("قال ");
      await bold();
      await editor.sendKeys("المصدر");
      await bold();
      await editor.sendKeys(" اليوم");
      assert.equal(await caret(driver), "قال المصدر اليوم");
      await editor.sendKeys(Key.HOME);
      assert.equal(await caret(driver), "");
      for (let i = 0; i < 4; i++) await editor.sendKeys(Key.ARROW_LEFT);
      assert.equal(await caret(driver), "قال ", "Left moves forward in RTL, up to the bold word's edge");
      await editor.sendKeys(Key.ARROW_LEFT);
      assert.equal(await caret(driver), "قال ا", "and into the bold word");
      await editor.sendKeys(Key.ARROW_RIGHT, Key.ARROW_RIGHT);
      assert.equal(await caret(driver), "قال", "Right moves backward");
      await editor.sendKeys(Key.END, Key.BACK_SPACE);
      assert.equal(await caret(driver), "قال المصدر اليو", "Backspace deletes the last letter typed");
      const strong = await driver.findElement(byTestId("editor")).findElement({ css: "strong" });
      assert.equal(await strong.getText(), "المصدر");
    } finally {
      await quit(driver);
    }
  });

  it("steps into and out of a pull-quote with the arrow keys", async () => {
    const driver = await launch();
    try {
      await driver.findElement(byTestId("new-draft")).click();
      const editor = await driver.findElement(byTestId("editor"));
      await editor.click();
      await editor.sendKeys("فقرة أولى");
      await driver.findElement(byTestId("insert-pullquote")).click();
      await editor.sendKeys("مصدر");
      await driver.findElement(byTestId("insert-related")).click();
      await editor.sendKeys("خبر");
      // From the related entry, Up goes to the attribution, then to the quote's text.
      assert.equal(await caretBlock(driver), "li.related-item");
      await editor.sendKeys(Key.ARROW_UP);
      assert.equal(await caretBlock(driver), "figcaption.");
      await editor.sendKeys(Key.ARROW_UP);
      assert.equal(await caretBlock(driver), "blockquote.pullquote-text");
      // Typing there lands in the quote's text, not in the attribution or the related block.
      await editor.sendKeys(Key.END, "!");
      const quote = await driver.findElement(byTestId("editor")).findElement({ css: ".pullquote-text" });
      assert.equal(await quote.getText(), "فقرة أولى!");
      const related = await driver.findElement(byTestId("editor")).findElement({ css: ".related-title" });
      assert.equal(await related.getText(), "خبر");
    } finally {
      await quit(driver);
    }
  });

  it("overrides a paragraph's direction and keeps the override", async () => {
    const driver = await launch();
    try {
      await driver.findElement(byTestId("new-draft")).click();
      const editor = await driver.findElement(byTestId("editor"));
      await editor.click();
      await editor.sendKeys("Pentagon قال إن القوات انسحبت");
      const direction = () => driver.executeScript("return getComputedStyle(document.querySelector('[data-testid=editor] p')).direction");
      assert.equal(await direction(), "ltr", "a paragraph opening with a Latin word reads left to right by itself");
      await driver.findElement(byTestId("direction-rtl")).click();
      assert.equal(await direction(), "rtl");
      await driver.findElement(byTestId("direction-auto")).click();
      assert.equal(await direction(), "ltr");
      await driver.findElement(byTestId("direction-rtl")).click();
      assert.equal(await direction(), "rtl");
      await sleep(100);
      await waitForSaved(driver);
    } finally {
      await quit(driver);
    }
    const id = JSON.parse(cli(library, "list", "--json"))[0].id;
    assert.match(cli(library, "show", id, "--format", "md"), /\n\u200FPentagon قال إن القوات انسحبت\n/);
  });
});
