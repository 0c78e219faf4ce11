// Review in the window, with a real keychain: a journalist's hand-off (made with the CLI from
// their own library and key) arrives, signed by a key the editor's library does not know; she
// trusts it after seeing the fingerprint, makes a profile, starts the review, comments on
// words selected with the mouse — still highlighted after the app is closed and opened again —
// finds the story on the desk, compares revisions, and approves. The CLI checks the record.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By, CLI, Key, ROOT, byTestId, cli, launch, newLibrary, quit, startDriver, stopDriver, until, waitForSaved } from "./harness.mjs";

const library = newLibrary();
const journalist = mkdtempSync(join(tmpdir(), "qalam-e2e-journalist-"));
const asJournalist = (...args) =>
  execFileSync(CLI, ["--library", join(journalist, "lib.sqlite3"), ...args], {
    encoding: "utf8",
    env: { ...process.env, QALAM_KEY_PASSPHRASE: "e2e", QALAM_LANG: "en" },
  });

let handoff;
let handedBack;
let id;
before(async () => {
  asJournalist("profile", "init", "--name", "ليلى حسن", "--role", "journalist", "--key-file", join(journalist, "key.json"));
  const story = join(journalist, "story.md");
  writeFileSync(
    story,
    "---\ntitle: البرلمان يقرّ الميزانية\ncategory: سياسة\n---\n\nأقرّ البرلمان اليوم الميزانية العامة بعد نقاش طويل، وقال رئيس اللجنة إن العجز سينخفض.\n\nوتتوقع الحكومة نموًا بنسبة ثلاثة في المئة.\n",
  );
  id = JSON.parse(asJournalist("import", story, "--json"))[0].id;
  asJournalist("submit", id, "--note", "جاهزة");
  handoff = join(journalist, "handoff.zip");
  asJournalist("handoff", id, "--out", handoff);
  await startDriver(library, { keychain: true });
});
after(stopDriver);

/** Clicks the element `id` and waits for `then` to be on screen (clicking again if a re-render
 * took the first click). */
async function clickFor(driver, id, then) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await driver.wait(until.elementLocated(byTestId(id)), 5000, `${id} is on screen`);
    await driver.findElement(byTestId(id)).click();
    try {
      await driver.wait(until.elementLocated(byTestId(then)), 3000);
      return driver.findElement(byTestId(then));
    } catch {
      /* not yet: once more */
    }
  }
  throw new Error(`clicking ${id} did not show ${then}`);
}

/** Selects the words `text` of the body with the mouse: a press before them, a drag to their end. */
async function selectWords(driver, text) {
  const box = await driver.executeScript(
    `const editor = document.querySelector("[data-testid=editor]");
     const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
     for (let node = walker.nextNode(); node; node = walker.nextNode()) {
       const at = node.data.indexOf(arguments[0]);
       if (at < 0) continue;
       // One character's box: in right-to-left text it starts at its right edge, ends at its left.
       const box = (i) => {
         const range = document.createRange();
         range.setStart(node, i);
         range.setEnd(node, i + 1);
         return range.getBoundingClientRect();
       };
       const first = box(at), last = box(at + arguments[0].length - 1);
       return { x1: first.right - 1, y1: first.top + first.height / 2, x2: last.left + 1, y2: last.top + last.height / 2 };
     }
     return null;`,
    text,
  );
  assert.ok(box, `the body shows ${text}`);
  const editor = await driver.findElement(byTestId("editor"));
  const rect = await editor.getRect();
  const at = (x, y) => ({ origin: "viewport", x: Math.round(x), y: Math.round(y) });
  await driver.actions().move(at(box.x1, box.y1)).press().move(at(box.x2, box.y2)).release().perform();
  assert.ok(rect.width > 0);
  const selected = await driver.executeScript("return window.getSelection().toString()");
  assert.equal(selected.trim(), text);
}

describe("review in the window", () => {
  it("takes a hand-off, comments on a selection, shows it on the desk and approves", async () => {
    let driver = await launch();
    try {
      // The hand-off arrives through the sidebar.
      await driver.findElement(byTestId("import-package-file")).sendKeys(handoff);
      await driver.wait(until.elementLocated(byTestId("import-done")), 10000, "wait 1");
      const status = () => driver.findElement(byTestId("review-status")).getText();
      // Her key is not known here yet: her submission does not count until the editor, having
      // checked the fingerprint, trusts it.
      await driver.wait(until.elementLocated(byTestId("unknown-signer")), 5000, "wait 1b");
      assert.match(await driver.findElement(byTestId("unknown-signer")).getText(), /ليلى حسن/);
      assert.equal(await status(), "مسودة");
      await driver.findElement(byTestId("trust-journalist")).click();
      await driver.wait(async () => (await status()) === "مُرسلة", 5000, "wait 2");

      // No profile yet: the bar offers to make one; the key goes to the keychain.
      await (await clickFor(driver, "make-profile", "profile-name")).sendKeys("سامي نور");
      await driver.findElement(By.css("[data-testid=profile-role] option[value=editor]")).click();
      await driver.findElement(byTestId("create-profile")).click();
      await driver.wait(until.elementLocated(byTestId("step-start-review")), 5000, "wait 3");
      await driver.findElement(byTestId("step-start-review")).click();
      await driver.wait(async () => (await status()) === "قيد المراجعة", 5000, "wait 4");

      // A comment on words selected with the mouse.
      await clickFor(driver, "tab-comments", "comment-text");
      await selectWords(driver, "العجز سينخفض");
      await driver.findElement(byTestId("comment-text")).sendKeys("ما مصدر هذا الرقم؟");
      await driver.findElement(byTestId("add-comment")).click();
      const highlighted = async () =>
        driver.executeScript("return [...document.querySelectorAll('.comment-highlight')].map((e) => e.textContent).join('')");
      await driver.wait(async () => (await highlighted()) === "العجز سينخفض", 5000, "wait 5");
      assert.equal((await driver.findElements(byTestId("thread"))).length, 1);
    } finally {
      await quit(driver);
    }

    // Closed and opened again: an editor lands on the desk; the story is in its column.
    driver = await launch();
    try {
      await driver.wait(until.elementLocated(byTestId("desk")), 10000, "wait 6");
      const column = await driver.findElement(By.css("[data-testid=desk-column][data-status=in-review]"));
      await driver.wait(async () => (await column.findElement(byTestId("desk-count")).getText()) === "1", 5000, "wait 7");
      const card = await column.findElement(byTestId("desk-card"));
      assert.match(await card.getText(), /البرلمان يقرّ الميزانية/);
      assert.match(await card.getText(), /ليلى حسن/);
      assert.match(await card.getText(), /سياسة/);
      await card.click();
      const highlighted = async () =>
        driver.executeScript("return [...document.querySelectorAll('.comment-highlight')].map((e) => e.textContent).join('')");
      await driver.wait(async () => (await highlighted()) === "العجز سينخفض", 10000, "wait 8");

      // An editor opens a story under review in suggesting mode; an edit of her own is made
      // directly after switching to Edit with the mouse. Then what changed since the submission.
      assert.equal(await driver.findElement(byTestId("mode-suggest")).getAttribute("aria-pressed"), "true");
      await driver.findElement(byTestId("mode-edit")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("mode-edit")).getAttribute("aria-pressed")) === "true", 3000, "edit mode");
      const editor = await driver.findElement(byTestId("editor"));
      await selectWords(driver, "بنسبة ثلاثة");
      await editor.sendKeys("بنسبة أربعة");
      await driver.actions().keyDown(Key.CONTROL).sendKeys("s").keyUp(Key.CONTROL).perform();
      await waitForSaved(driver);
      await (await clickFor(driver, "tab-changes", "since-submitted")).click();
      await driver.wait(async () => (await driver.findElements(By.css("[data-testid=diff-inline] ins"))).length > 0, 5000, "wait 9");
      assert.equal((await driver.findElement(By.css("[data-testid=diff-inline] ins")).getText()).trim(), "أربعة");
      assert.equal((await driver.findElement(By.css("[data-testid=diff-inline] del")).getText()).trim(), "ثلاثة");
      await driver.findElement(byTestId("side-by-side")).click();
      await driver.wait(until.elementLocated(byTestId("diff-sides")), 2000, "wait 10");

      // Approve, with a note, signed with the key from the keychain.
      await (await clickFor(driver, "step-approve", "step-note")).sendKeys("للنشر");
      await driver.findElement(byTestId("confirm-step")).click();
      await driver.wait(async () => (await driver.findElement(byTestId("review-status")).getText()) === "معتمدة", 20000, "wait 11");
      assert.match(await driver.findElement(byTestId("approval-note")).getText(), /سامي نور/);

      // Handed back with the mouse: the hand-off is sealed with the editor's key from the keychain.
      await driver.findElement(byTestId("handoff")).click();
      await driver.wait(until.elementLocated(byTestId("handoff-done")), 20000, "the hand-off is written");
      handedBack = (await driver.findElement(byTestId("handoff-done")).getText()).match(/\/\S+\.zip/)?.[0];
      assert.ok(handedBack, "the notice says where the hand-off is");
    } finally {
      await quit(driver);
    }

    // The journalist's library takes it, naming its sender by the key that sealed it: one it
    // does not know yet, whose holder says they are the editor.
    const back = JSON.parse(asJournalist("import-package", handedBack, "--json"));
    const editorProfile = JSON.parse(cli(library, "profile", "show", "--json")).profile;
    assert.deepEqual(back.handed_by, { fingerprint: editorProfile.fingerprint, name: "سامي نور", standing: "unknown", name_belongs_to: null });

    // The record as the CLI reads it from the same library.
    const state = JSON.parse(cli(library, "status", id, "--json"));
    assert.equal(state.status, "approved");
    assert.deepEqual(
      state.history.map((e) => e.body.kind.transition ?? "comment"),
      ["submit", "start-review", "comment", "approve"],
    );
    assert.equal(JSON.parse(cli(library, "audit", id, "--json")).sound, true);
    assert.equal(JSON.parse(cli(library, "comments", id, "--json"))[0].anchor.exact, "العجز سينخفض");
    assert.ok(ROOT);
  });
});
