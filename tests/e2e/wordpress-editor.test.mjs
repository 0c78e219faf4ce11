// What WordPress's own block editor makes of Qalam's posts. A post is delivered only when the
// site's editors can open it and save it again without loss: the block editor checks every block
// in the browser against what the block's own save() would write. A story with every block kind
// Qalam writes — headings, a paragraph forced left to right among Arabic ones, bold, italic and
// links, a nested list, an ordered list starting at 3, a quote, a pull-quote with its citation, a
// picture with caption and credit, code, a separator, related stories — published, then corrected
// (the update line and the corrections list), is delivered with the CLI to a real WordPress on loopback (tests/wordpress/site.sh), then opened in the block editor
// in headless Chromium (Debian's chromium and chromium-driver): no block may be invalid, none may
// have turned classic, and every word of the post must be in the editor's blocks.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT } from "./harness.mjs";
import { startKeychain } from "./keychain.mjs";

const require = createRequire(join(ROOT, "ui/package.json"));
const { Builder } = require("selenium-webdriver");
const chrome = require("selenium-webdriver/chrome");

const work = mkdtempSync(join(tmpdir(), "qalam-e2e-wpeditor-"));
// The site's own folder (its MariaDB and Apache users must reach it: not inside a private one).
const siteDir = mkdtempSync(join(tmpdir(), "qalam-e2e-wpsite-"));
const siteScript = join(ROOT, "tests/wordpress/site.sh");
const library = join(work, "lib.sqlite3");
const site = {};
let keychain;
let driver;

const STORY = `---
title: البرلمان يقرّ الموازنة بعد جلسة طويلة
standfirst: أقرّ البرلمان موازنة العام المقبل بأغلبية واسعة.
category: سياسة
hero:
  src: images/hall.png
  alt: قاعة البرلمان
  caption: النواب في الجلسة
  credit: تصوير المحرر
---

افتتح رئيس البرلمان الجلسة **صباحًا** وقرأ *جدول الأعمال* كاملًا، ثم أحال الكلام إلى [لجنة المالية](https://example.com/finance).

\u200eThe minister said the budget "keeps the deficit under three percent".

## أبرز البنود

- رواتب الموظفين
  - زيادة في الحد الأدنى
  - تثبيت المتعاقدين
- مشاريع البنية التحتية

3. القراءة الأولى
4. التصويت النهائي

> قال أحد النواب إن النقاش كان صريحًا.

> [!PULLQUOTE]
> الموازنة تحمي الفئات الأضعف
> — وزير المالية

![الجلسة الختامية](images/vote.png "لحظة التصويت")

\`\`\`
budget_total = 98_000_000
\`\`\`

---

### ما بعد الإقرار

تنتقل الموازنة الآن إلى مجلس الرئاسة للمصادقة.

> [!RELATED]
> - [الحكومة تقدّم مشروع الموازنة](https://example.com/draft-budget)
`;

const CORRECTION = "ورد خطأً أن الموازنة أُقرّت بأغلبية واسعة، والصحيح أنها أُقرّت بأغلبية ضئيلة.";

/** A small PNG of one colour (a real picture for the media library). */
function png(path, shade) {
  execFileSync("convert", ["-size", "320x200", `xc:rgb(${shade},120,90)`, path]);
}

const env = () => ({ ...process.env, QALAM_LANG: "en", DBUS_SESSION_BUS_ADDRESS: keychain.address });
const qalam = (args, input) =>
  execFileSync(CLI, ["--library", library, ...args], { encoding: "utf8", env: env(), input });

before(async () => {
  keychain = await startKeychain();
  execFileSync("bash", [siteScript, "start", siteDir], { stdio: ["ignore", "ignore", "inherit"] });
  for (const line of readFileSync(join(siteDir, "site.env"), "utf8").split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) site[line.slice(0, at)] = line.slice(at + 1).replace(/'/g, "");
  }
  const folder = join(work, "story");
  mkdirSync(join(folder, "images"), { recursive: true });
  png(join(folder, "images/hall.png"), 40);
  png(join(folder, "images/vote.png"), 160);
  writeFileSync(join(folder, "article.md"), STORY);
  qalam(["profile", "init", "--name", "سامي نور", "--role", "chief"]);
  const id = JSON.parse(qalam(["import", join(folder, "article.md"), "--json"]))[0].id;
  qalam(["target", "add", "wordpress", "site", "--url", site.WP_URL, "--user", "admin", "--password-stdin"], `${site.WP_ADMIN_PASSWORD}\n`);
  // Published, then corrected: the post carries the update line and the corrections list too.
  for (const step of ["submit", "start-review", "approve"]) qalam([step, id]);
  const delivered = JSON.parse(qalam(["deliver", id, "--to", "site", "--status", "publish", "--json"]));
  site.postId = delivered.delivery.remote_id;
  assert.ok(site.postId, JSON.stringify(delivered));
  const corrected = join(work, "corrected.md");
  writeFileSync(corrected, qalam(["show", id, "--format", "md"]).replace("بأغلبية واسعة", "بأغلبية ضئيلة"));
  qalam(["import", corrected]);
  qalam(["approve", id]);
  const correction = JSON.parse(qalam(["correct", id, "--note", CORRECTION, "--json"]));
  assert.equal(correction.deliveries[0]?.remote_id, site.postId, JSON.stringify(correction));

  // A second story, approved and under embargo for two hours: WordPress holds it as scheduled.
  const held = join(work, "held.md");
  writeFileSync(held, "---\ntitle: نتائج الانتخابات\ncategory: سياسة\n---\n\nتُعلن النتائج صباح الغد.\n");
  const heldId = JSON.parse(qalam(["import", held, "--json"]))[0].id;
  for (const step of ["submit", "start-review", "approve"]) qalam([step, heldId]);
  qalam(["embargo", heldId, "--until", new Date(Date.now() + 2 * 3600000).toISOString().replace(/\.\d+Z$/, "+00:00")]);
  const scheduled = JSON.parse(qalam(["deliver", heldId, "--to", "site", "--status", "publish", "--json"]));
  site.heldId = scheduled.delivery.remote_id;

  const options = new chrome.Options()
    .setChromeBinaryPath("/usr/bin/chromium")
    .addArguments(
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--window-size=1400,1000",
      // Only the loopback site is reachable: a page's outside resources (an avatar, a font) fail
      // at once instead of waiting on a name the machine may never resolve, which held the
      // login's page load past its wait on a CI machine.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      `--user-data-dir=${join(work, "chromium")}`,
    );
  driver = await new Builder()
    .forBrowser("chrome")
    .setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder("/usr/bin/chromedriver"))
    .build();
});

after(async () => {
  if (driver) await driver.quit();
  execFileSync("bash", [siteScript, "stop", siteDir]);
  keychain?.stop();
  // The stopped site's files (WordPress, its database: over 100 MB) go with it.
  rmSync(siteDir, { recursive: true, force: true });
});

/** Waits for `condition`; on timeout the error also says where the browser stands (its address,
 * the page's title and any login error), which a bare "timed out" would hide. */
async function waitFor(condition, ms, what) {
  try {
    await driver.wait(condition, ms, what);
  } catch (error) {
    const where = await driver
      .executeScript("return [location.href, document.title, document.querySelector('#login_error')?.innerText ?? ''].join(' | ')")
      .catch((e) => `(the page did not answer: ${e.message})`);
    error.message = `${error.message} — at ${where}`;
    throw error;
  }
}

/** The words of some HTML (tags, block comments and entities out), in order. */
function words(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/[\u200e\u200f]/g, "")
    .split(/[\s"«»،,.:()!?—–-]+/u)
    .filter((w) => w.length > 0);
}

describe("the block editor", () => {
  it("opens a delivered post with every block valid, none classic, and every word in its blocks", async () => {
    await driver.get(`${site.WP_URL}/wp-login.php`);
    await driver.findElement({ id: "user_login" }).sendKeys("admin");
    await driver.findElement({ id: "user_pass" }).sendKeys(site.WP_ADMIN_LOGIN_PASSWORD);
    await driver.findElement({ id: "wp-submit" }).click();
    await waitFor(async () => (await driver.getCurrentUrl()).includes("/wp-admin"), 60000, "logged in");

    await driver.get(`${site.WP_URL}/wp-admin/post.php?post=${site.postId}&action=edit`);
    await waitFor(
      () =>
        driver.executeScript(
          "return !!(window.wp && wp.data && wp.data.select('core/block-editor') && wp.data.select('core/block-editor').getBlocks().length > 0)",
        ),
      60000,
      "the block editor has the post's blocks",
    );
    const seen = await driver.executeScript(`
      const all = [];
      const walk = (blocks) => blocks.forEach((b) => { all.push({ name: b.name, valid: b.isValid }); walk(b.innerBlocks); });
      const blocks = wp.data.select('core/block-editor').getBlocks();
      walk(blocks);
      return { all, serialized: wp.blocks.serialize(blocks) };
    `);
    const invalid = seen.all.filter((b) => !b.valid).map((b) => b.name);
    assert.deepEqual(invalid, [], "every block is what its save() writes");
    const classic = seen.all.filter((b) => ["core/freeform", "core/missing", "core/html"].includes(b.name));
    assert.deepEqual(classic, [], "no block turned classic or unknown");
    const kinds = new Set(seen.all.map((b) => b.name));
    for (const kind of ["core/paragraph", "core/heading", "core/list", "core/list-item", "core/quote", "core/pullquote", "core/image", "core/code", "core/separator"]) {
      assert.ok(kinds.has(kind), `the post has a ${kind}`);
    }

    const raw = JSON.parse(
      execFileSync("curl", ["-sS", "-u", `admin:${site.WP_ADMIN_PASSWORD}`, `${site.WP_URL}/wp-json/wp/v2/posts/${site.postId}?context=edit`], { encoding: "utf8" }),
    ).content.raw;
    const inEditor = words(seen.serialized);
    const missing = words(raw).filter((w) => !inEditor.includes(w));
    assert.deepEqual(missing, [], "every word of the post is in the editor's blocks");
    for (const nested of ["زيادة", "المتعاقدين", "التصويت", "budget_total", "deficit", "ضئيلة", "تحديث", "تصحيح"]) {
      assert.ok(inEditor.includes(nested), `${nested} is in the editor`);
    }
  });

  it("refuses, on the post screen, to publish a story under embargo, and says why", async () => {
    await driver.get(`${site.WP_URL}/wp-admin/post.php?post=${site.heldId}&action=edit`);
    await waitFor(
      () => driver.executeScript("return !!(window.wp && wp.data && wp.data.select('core/editor') && wp.data.select('core/editor').getCurrentPostId())"),
      60000,
      "the block editor has the post",
    );
    assert.equal(await driver.executeScript("return wp.data.select('core/editor').getEditedPostAttribute('status')"), "future");
    // What the Publish button sends: the post published now.
    await driver.executeScript("wp.data.dispatch('core/editor').editPost({ status: 'publish', date: null }); return wp.data.dispatch('core/editor').savePost();");
    await waitFor(
      () => driver.executeScript("return !wp.data.select('core/editor').isSavingPost()"),
      30000,
      "the save is answered",
    );
    const notices = await driver.executeScript("return wp.data.select('core/notices').getNotices().map((n) => n.content).join(' | ')");
    assert.match(notices, /under embargo until/, notices);
    const stored = JSON.parse(
      execFileSync("curl", ["-sS", "-u", `admin:${site.WP_ADMIN_PASSWORD}`, `${site.WP_URL}/wp-json/wp/v2/posts/${site.heldId}?context=edit`], { encoding: "utf8" }),
    );
    assert.equal(stored.status, "future", "still scheduled for the embargo's time");
  });
});
