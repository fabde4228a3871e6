#!/usr/bin/env node
/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's phone page in a real browser (issue 14): three phones (browser
 * contexts with a phone's viewport, touch, light and dark) load the page of
 * tests/room-serve, see the session's title, phase and stage, send friction
 * points (one while offline, sent by itself once back), keep a draft and their
 * device over a reload, vote, and see every text in place (no text id, no
 * {placeholder}, no CSP violation). Screenshots at 390×844, light and dark.
 *
 *   tests/room-netns.sh node tests/e2e-room-page.js ROOM_SERVE MAKE_DATABASE [SHOT_DIR]
 *
 * Runs only inside a network namespace of its own (the server listens on the
 * "local network" there, never on the machine's). Exit 77 (skipped) when
 * chromium or playwright-core (tests/node_modules, `npm ci` in tests/) is
 * missing. */
'use strict';

const assert = require('assert');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.STAPLE_CHROMIUM || '/usr/bin/chromium';
const MAX_TEXT = 2000;

function skip (why) {
  console.log('1..0 # SKIP ' + why);
  process.exit(77);
}

let chromium;
try {
  ({ chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core')));
} catch (e) {
  skip('playwright-core is missing: npm ci in tests/ (build-aux/dev does)');
}
if (!fs.existsSync(CHROMIUM))
  skip(CHROMIUM + ' is missing (Debian\'s chromium)');

const [roomServe, makeDatabase, shotArg] = process.argv.slice(2);
if (!roomServe || !makeDatabase) {
  console.error('usage: e2e-room-page.js ROOM_SERVE MAKE_DATABASE [SHOT_DIR]');
  process.exit(2);
}
try {
  if (fs.readlinkSync('/proc/self/ns/net') === fs.readlinkSync('/proc/1/ns/net')) {
    console.error('e2e-room-page: not in a network namespace of its own: run it through tests/room-netns.sh');
    process.exit(1);
  }
} catch (e) { /* /proc/1 not readable: the wrapper is trusted */ }

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'staple-room-page-'));
const shots = shotArg || path.join(os.tmpdir(), 'staple-room-page-shots');
fs.mkdirSync(shots, { recursive: true });

const SESSION = {
  title: 'A spare part ordered by phone 📞',
  phase: 'walk',
  dots_per_participant: 3,
  participants: [
    { key: 'p1', name: 'Ana Souza' },
    { key: 'p2', name: 'سارا أحمد' },
    { key: 'p3', name: 'Wei Zhang 张伟' },
  ],
  stages: [
    { name: 'Phone call', channel: 'phone', frictions: [
      { key: 'f1', text: 'The caller repeats their details three times', kind: 'process', severity: 3 } ] },
    { name: 'Credit check', channel: 'internal', frictions: [
      { key: 'f2', text: 'Orders over €500 wait a day for a manager', kind: 'policy', severity: 4 } ] },
    { name: 'مستودع القطع', channel: 'internal', frictions: [
      { key: 'f3', text: 'لا أحد يعرف من يملك الطلب', kind: 'silo', severity: 2 } ] },
  ],
};

/* ---- The server, driven through its stdin as the coach would ---- */

class Server {
  constructor (db, id) {
    /* UTF-8, or g_print () turns what phones wrote into question marks. */
    this.child = spawn(roomServe, [db, String(id)], {
      stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    this.lines = [];
    this.waiters = [];
    let buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let at;
      while ((at = buffer.indexOf('\n')) >= 0) {
        this.lines.push(buffer.slice(0, at));
        buffer = buffer.slice(at + 1);
      }
      this.wake();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => {
      this.done = { code, signal };
      this.wake();
      resolve(this.done);
    }));
  }

  wake () {
    for (const waiter of this.waiters.splice(0))
      waiter();
  }

  async line (timeout = 10000) {
    const until = Date.now() + timeout;
    while (this.lines.length === 0) {
      if (this.done)
        throw new Error('room-serve ended: ' + JSON.stringify(this.done));
      if (Date.now() > until)
        throw new Error('room-serve said nothing for ' + timeout + ' ms');
      await new Promise((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.lines.shift();
  }

  /* Sends one command; returns the lines it printed before "ok". */
  async command (text) {
    this.child.stdin.write(text + '\n');
    const out = [];
    for (;;) {
      const line = await this.line();
      if (line === 'ok')
        return out;
      if (line.startsWith('error:'))
        throw new Error('room-serve: ' + text + ': ' + line);
      out.push(line);
    }
  }

  /* The suggestions waiting: { id, stage, device, text }. */
  async suggestions () {
    return (await this.command('list')).map((line) => {
      const [id, stage, device, ...text] = line.split(' ');
      return { id: Number(id), stage: Number(stage), device, text: text.join(' ') };
    });
  }
}

/* Whether room-serve's `list` shows @text: exactly, or with each character
 * outside ASCII as “?” when it prints in the C locale (the database check at
 * the end compares the accepted one exactly). */
function listed (shown, text) {
  return shown === text || shown === Array.from(text).map((ch) => ch.charCodeAt(0) < 128 ? ch : '?').join('');
}

/* ---- Checks ---- */

let count = 0;
async function step (name, body) {
  await body();
  count++;
  console.log('ok ' + count + ' - ' + name);
}

async function until (what, probe, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (last)
      return last;
    if (Date.now() > end)
      throw new Error('timed out waiting for ' + what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/* No text id (“walk.send”), no {placeholder} and no empty button anywhere
 * a person can see. */
async function checkTexts (page, who) {
  const seen = await page.evaluate(() => {
    const visible = (element) => element.getClientRects().length > 0;
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.parentElement && visible(node.parentElement) && node.textContent.trim())
        texts.push(node.textContent.trim());
    for (const element of document.querySelectorAll('[placeholder], [aria-label]'))
      if (visible(element))
        texts.push(element.getAttribute('placeholder') || element.getAttribute('aria-label'));
    const emptyButtons = Array.from(document.querySelectorAll('button'))
      .filter((b) => visible(b) && !b.textContent.trim() && !b.getAttribute('aria-label')).length;
    return { texts, emptyButtons };
  });
  const ids = /^(lang|dir|page|status|phase|stage|other|walk|vote|error|kind)\.[a-z_.-]+$/;
  for (const text of seen.texts) {
    assert(!ids.test(text), who + ' shows a text id: ' + text);
    assert(!/\{\w+\}/.test(text), who + ' shows a placeholder: ' + text);
  }
  assert.strictEqual(seen.emptyButtons, 0, who + ' has a button without a text');
}

async function text (page, selector) {
  return (await page.textContent(selector)).trim();
}

async function shoot (page, name) {
  const file = path.join(shots, name + '.png');
  await page.screenshot({ path: file });
  console.log('# screenshot ' + file);
}

/* ---- The test ---- */

async function main () {
  const json = path.join(work, 'session.json');
  const db = path.join(work, 'room.db');
  fs.writeFileSync(json, JSON.stringify(SESSION));
  const id = execFileSync(makeDatabase, [db, json], { encoding: 'utf8' }).trim();

  const server = new Server(db, id);
  const url = await server.line();
  assert.match(url, /^http:\/\/[0-9.]+:\d+\/[A-Za-z0-9_-]{22}\/$/);
  const key = url.split('/')[3];
  console.log('# room at ' + url);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const phone = async (name, colorScheme) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
      hasTouch: true, colorScheme, locale: 'en-GB',
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      /* The browser's own line for each refused or cut request (the
       * favicon's 404, the offline phone, the name taken, the room closed)
       * is expected; the page's own errors (a missing text) and CSP
       * refusals are not. */
      if (message.type() === 'error' && !/^Failed to load resource: /.test(message.text()))
        problems.push(name + ': ' + message.text());
    });
    page.on('pageerror', (error) => problems.push(name + ': ' + error.message));
    return { name, context, page };
  };

  try {
    const phones = [await phone('A', 'light'), await phone('B', 'dark'), await phone('C', 'light')];
    const [a, b, c] = phones;

    await step('every text the page uses is in the room\'s strings', async () => {
      const get = async (name) => (await fetch(url + name)).text();
      const strings = JSON.parse(await get('strings'));
      const sources = (await get('')) + (await get('room.js'));
      const used = new Set();
      for (const match of sources.matchAll(/data-text="([^"]+)"|'((?:lang|dir|page|status|phase|stage|other|walk|vote|error)\.[a-z_.-]+)'/g))
        used.add(match[1] || match[2]);
      /* The ids the page makes: error codes of the contract, phases, kinds. */
      for (const code of ['unknown-device', 'wrong-phase', 'taken', 'empty', 'too-many-dots',
                          'unknown-id', 'slow-down'])
        used.add('error.' + code);
      for (const phase of ['frame', 'map', 'walk', 'diagnose', 'prioritise', 'commit', 'close'])
        used.add('phase.' + phase).add('phase.' + phase + '.about');
      for (const kind of ['policy', 'process', 'product', 'trust', 'tools', 'silo', 'time-pressure',
                          'unclear-expectations'])
        used.add('kind.' + kind);
      assert.ok(used.size > 60, 'ids found: ' + used.size);
      for (const id of used)
        assert.ok(typeof strings[id] === 'string' && strings[id].trim() !== '', 'no text for ' + id);
      /* The page's own words: none but the fallback without JavaScript. */
      const words = (await get('')).replace(/<noscript>[^]*?<\/noscript>/, '')
        .replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
      assert.strictEqual(words, 'Staple', 'the page has words of its own');
    });

    await step('without JavaScript the page says it needs it, and only that', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 },
                                                 javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(url);
      assert.match(await page.innerText('body'), /^This page needs JavaScript/);
      assert.ok(!(await page.isVisible('#loading')), 'no spinner turning for ever');
      await context.close();
    });

    await step('three phones join and see the title and phase', async () => {
      for (const { name, page } of phones) {
        await page.goto(url);
        await page.waitForSelector('#main:not([hidden])', { timeout: 15000 });
        assert.strictEqual(await text(page, '#title'), SESSION.title, name);
        assert.strictEqual(await text(page, '#phase-name'), 'Walk', name);
        assert.strictEqual(await page.title(), SESSION.title, name);
        assert.ok(await page.isVisible('#walk'), name + ' shows the Walk');
        await checkTexts(page, name);
      }
      const tokens = await Promise.all(phones.map(({ page }) =>
        page.evaluate((k) => localStorage.getItem('staple-device-' + k), key)));
      assert.ok(tokens.every((t) => /^[A-Za-z0-9_-]{22}$/.test(t)), 'device tokens ' + tokens);
      assert.strictEqual(new Set(tokens).size, 3, 'one token a phone');
    });

    await step('the coach moves to a stage: every phone follows, the picker too', async () => {
      /* The stages' ids, as the page lists them. */
      const options = await a.page.$$eval('#walk-stage option', (os) => os.map((o) => [o.value, o.textContent]));
      assert.deepStrictEqual(options.map((o) => o[1]), SESSION.stages.map((s) => s.name));
      await server.command('stage ' + options[1][0]);
      for (const { name, page } of phones) {
        await until(name + ' at stage 2', async () => await text(page, '#stage-name') === 'Credit check');
        assert.strictEqual(await page.inputValue('#walk-stage'), options[1][0], name);
      }
      await shoot(a.page, 'walk-light');
      await shoot(b.page, 'walk-dark');
    });

    const mixed = 'Die Teilenummer 🔧 wird abgelehnt — رقم القطعة مرفوض';
    await step('a friction point with emoji and Arabic arrives as a suggestion', async () => {
      await a.page.fill('#walk-text', '  ' + mixed + '  ');
      assert.strictEqual(await text(a.page, '#walk-count'), Array.from(mixed).length + ' / 2,000');
      assert.strictEqual(await a.page.getAttribute('#walk-text', 'dir'), 'auto');
      await a.page.tap('#walk-send');
      await until('A sent', async () =>
        await a.page.getAttribute('#walk-message', 'data-kind') === 'success');
      assert.strictEqual(await a.page.inputValue('#walk-text'), '', 'the box empties once sent');
      const waiting = await server.suggestions();
      assert.strictEqual(waiting.length, 1, JSON.stringify(waiting));
      assert.ok(listed(waiting[0].text, mixed), waiting[0].text);
      await until('A counts one sent', async () => /1/.test(await text(a.page, '#walk-sent')));
      await checkTexts(a.page, 'A after sending');
      await shoot(a.page, 'walk-sent-light');
    });

    await step('empty and too long texts are refused on the phone, nothing sent', async () => {
      await c.page.fill('#walk-text', '   ');
      await c.page.tap('#walk-send');
      assert.strictEqual(await c.page.getAttribute('#walk-message', 'data-kind'), 'error');
      assert.ok((await text(c.page, '#walk-message')).length > 0);
      await c.page.fill('#walk-text', 'x'.repeat(MAX_TEXT + 1));
      assert.ok(await c.page.$eval('#walk-count', (e) => e.classList.contains('over')));
      await c.page.tap('#walk-send');
      assert.match(await text(c.page, '#walk-message'), /2,000/);
      assert.strictEqual(await c.page.inputValue('#walk-text'), 'x'.repeat(MAX_TEXT + 1), 'kept');
      /* 2,000 emoji are 2,000 characters: allowed. */
      await c.page.fill('#walk-text', '🙂'.repeat(MAX_TEXT));
      assert.ok(!(await c.page.$eval('#walk-count', (e) => e.classList.contains('over'))));
      await c.page.tap('#walk-send');
      await until('C sent 2,000 emoji', async () =>
        await c.page.getAttribute('#walk-message', 'data-kind') === 'success');
      const waiting = await server.suggestions();
      assert.strictEqual(waiting.length, 2);
      assert.ok(listed(waiting[1].text, '🙂'.repeat(MAX_TEXT)));
    });

    const offline = 'Written in the lift, with no signal';
    await step('a text sent while offline stays in the box and goes once back', async () => {
      await b.context.setOffline(true);
      await b.page.fill('#walk-text', offline);
      await b.page.tap('#walk-send');
      await until('B keeps it', async () =>
        await b.page.getAttribute('#walk-message', 'data-kind') === 'error');
      assert.strictEqual(await b.page.inputValue('#walk-text'), offline);
      await until('B shows it is offline', async () => await b.page.isVisible('#status'));
      await checkTexts(b.page, 'B offline');
      await shoot(b.page, 'walk-offline-dark');
      assert.strictEqual((await server.suggestions()).length, 2, 'nothing arrived while offline');
      await b.context.setOffline(false);
      await until('B sent it by itself', async () =>
        await b.page.getAttribute('#walk-message', 'data-kind') === 'success', 20000);
      assert.strictEqual(await b.page.inputValue('#walk-text'), '');
      const waiting = await server.suggestions();
      assert.deepStrictEqual(waiting.map((s) => s.text).filter((t) => t === offline), [offline],
        'sent exactly once');
      await until('B connected again', async () => !(await b.page.isVisible('#status')));
    });

    await step('a draft and the device survive a reload', async () => {
      const before = await c.page.evaluate((k) => localStorage.getItem('staple-device-' + k), key);
      await c.page.fill('#walk-text', 'Half a thought, then the page reloads');
      await c.page.reload();
      await c.page.waitForSelector('#main:not([hidden])');
      assert.strictEqual(await c.page.inputValue('#walk-text'), 'Half a thought, then the page reloads');
      const after = await c.page.evaluate((k) => localStorage.getItem('staple-device-' + k), key);
      assert.strictEqual(after, before, 'the room took the stored token back');
      /* The room still counts this phone's suggestion as its own. */
      await until('C counts one sent', async () => /1/.test(await text(c.page, '#walk-sent')));
    });

    await step('the coach accepts a suggestion: it is a friction point', async () => {
      const waiting = await server.suggestions();
      const first = waiting.find((s) => listed(s.text, mixed));
      await server.command('accept ' + first.id + ' tools');
    });

    await step('Prioritise: names, a name taken, dots placed and sent, totals', async () => {
      await server.command('phase prioritise');
      for (const { name, page } of phones) {
        await until(name + ' votes', async () => await page.isVisible('#vote'));
        assert.strictEqual(await text(page, '#phase-name'), 'Prioritise', name);
        assert.ok(await page.isVisible('#vote-who'), name + ' is asked for a name');
      }
      await checkTexts(a.page, 'A voting');
      await shoot(a.page, 'vote-names-light');
      const names = await a.page.$$eval('#vote-names button', (bs) => bs.map((b) => b.textContent));
      assert.deepStrictEqual(names, SESSION.participants.map((p) => p.name));

      await a.page.tap('#vote-names button >> nth=0');
      await until('A votes as Ana', async () => /Ana Souza/.test(await text(a.page, '#vote-as')));
      /* Four friction points: the three of the session and the one accepted. */
      const rows = a.page.locator('#vote-list .friction-main');
      await until('four friction points', async () => await rows.count() === 4);
      await rows.nth(0).tap();
      await rows.nth(0).tap();
      await rows.nth(1).tap();
      assert.match(await text(a.page, '#vote-left'), /0/);
      /* No dot left: a tap on one without a dot says so, and adds none. */
      await rows.nth(2).tap();
      assert.strictEqual(await a.page.locator('#vote-list .friction.has-dots').count(), 2);
      assert.strictEqual(await a.page.getAttribute('#vote-message', 'data-kind'), 'info');
      await a.page.locator('#vote-list .friction-remove >> nth=0').tap();
      await rows.nth(2).tap();
      await a.page.tap('#vote-send');
      await until('A voted', async () =>
        await a.page.getAttribute('#vote-message', 'data-kind') === 'success');
      await checkTexts(a.page, 'A after voting');
      await shoot(a.page, 'vote-light');

      /* B asks for Ana too: taken, and says so. */
      await b.page.tap('#vote-names button >> nth=0');
      await until('B told the name is taken', async () =>
        await b.page.getAttribute('#vote-message', 'data-kind') === 'error');
      assert.ok(await b.page.isVisible('#vote-who'), 'B picks again');
      await b.page.tap('#vote-names button >> nth=1');
      await until('B votes as Sara', async () => /سارا/.test(await text(b.page, '#vote-as')));
      const bRows = b.page.locator('#vote-list .friction-main');
      await bRows.nth(0).tap();
      await b.page.tap('#vote-send');
      await until('B voted', async () =>
        await b.page.getAttribute('#vote-message', 'data-kind') === 'success');

      await server.command('totals on');
      await until('A sees the totals', async () =>
        await a.page.locator('#vote-list .total:visible').count() === 4);
      const totals = await a.page.$$eval('#vote-list .total', (ts) => ts.map((t) => t.textContent));
      /* A's first friction point: one dot from A, one from B. */
      assert.match(totals[0], /2/);
      await checkTexts(b.page, 'B with totals');
      await shoot(b.page, 'vote-dark');
    });

    await step('anonymous voting: no names asked, the dots count all the same', async () => {
      await server.command('anonymous on');
      await until('C votes anonymously', async () => await c.page.isVisible('#vote-ballot'));
      assert.ok(!(await c.page.isVisible('#vote-who')), 'no name asked');
      assert.ok(!(await c.page.isVisible('#vote-change')));
      assert.ok((await text(c.page, '#vote-as')).length > 0, 'says voting is anonymous');
      await c.page.locator('#vote-list .friction-main >> nth=3').tap();
      await c.page.tap('#vote-send');
      await until('C voted', async () =>
        await c.page.getAttribute('#vote-message', 'data-kind') === 'success');
      await checkTexts(c.page, 'C anonymous');
      await shoot(c.page, 'vote-anonymous-light');
    });

    await step('other phases say what they are about', async () => {
      await server.command('phase commit');
      for (const { name, page } of phones) {
        await until(name + ' in Commit', async () => await page.isVisible('#other'));
        assert.ok((await text(page, '#other-about')).length > 20, name);
      }
      await checkTexts(c.page, 'C in Commit');
      await shoot(c.page, 'other-light');
    });

    await step('closing the room: the phones say so', async () => {
      await server.command('close');
      /* A closed room no longer listens: to a phone, that is no connection
       * (404 from a room that listens again with another key: “closed”). */
      await until('A says the room is gone', async () => await a.page.isVisible('#status') &&
        ['offline', 'closed'].includes(await a.page.getAttribute('#status', 'data-state')), 20000);
      await checkTexts(a.page, 'A closed');
    });

    assert.deepStrictEqual(problems, [], 'console errors');

    server.child.kill('SIGTERM');
    const done = await server.exited;
    assert.strictEqual(done.code, 0, 'room-serve saved and ended');
    await step('the accepted friction point is in the database', async () => {
      const found = execFileSync('sqlite3', [db, 'SELECT count(*) FROM frictions WHERE text = \'' +
        mixed.replace(/'/g, "''") + '\''], { encoding: 'utf8' }).trim();
      assert.strictEqual(found, '1');
    });
  } finally {
    await browser.close();
    if (!server.done)
      server.child.kill('SIGTERM');
  }
  console.log('1..' + count);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error('not ok - ' + (error && error.stack || error));
  process.exit(1);
});
