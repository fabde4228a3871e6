#!/usr/bin/env node
/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Phones for tests/e2e-room.py: headless Debian chromium, driven by
 * playwright-core as tests/e2e-room-page.js drives it, one browser context
 * (a phone's viewport, touch, its own storage) per participant. The test
 * sends one JSON command a line on stdin; each gets one JSON line back,
 * {"ok": true, …} or {"ok": false, "error": "…"}:
 *
 *   {"do": "join", "url": U, "phones": 3}    every phone opens the room's page
 *   {"do": "send", "phone": 0, "stage": "Name", "text": "…"}
 *   {"do": "phase", "name": "Prioritise"}     waits until every phone shows it
 *   {"do": "vote", "phone": 0, "name": 0 | null, "rows": [0, 0, 1]}
 *   {"do": "totals", "phone": 0}              the totals the phone shows
 *   {"do": "closed"}                          waits until every phone says the room is gone
 *   {"do": "shot", "phone": 0, "path": P}
 *   {"do": "quit"}
 *
 * Exit 77 (skipped) when chromium or playwright-core is missing. */
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

const CHROMIUM = process.env.STAPLE_CHROMIUM || '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core')));
} catch (e) {
  console.log(JSON.stringify({ ok: false, skip: 'playwright-core is missing: npm ci in tests/' }));
  process.exit(77);
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ ok: false, skip: CHROMIUM + ' is missing' }));
  process.exit(77);
}

let browser = null;
const phones = [];
const problems = [];

async function until (what, probe, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await probe();
    if (got)
      return got;
    if (Date.now() > end)
      throw new Error('timed out waiting for ' + what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function text (page, selector) {
  return ((await page.textContent(selector)) || '').trim();
}

const commands = {
  async join ({ url, phones: n }) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (let i = 0; i < n; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
        hasTouch: true, locale: 'en-GB',
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(i + ': ' + error.message));
      await page.goto(url);
      await page.waitForSelector('#main:not([hidden])', { timeout: 20000 });
      phones.push({ context, page });
    }
    return { titles: await Promise.all(phones.map(({ page }) => text(page, '#title'))) };
  },

  async send ({ phone, stage, text: what }) {
    const { page } = phones[phone];
    await until('the Walk on phone ' + phone, () => page.isVisible('#walk'));
    if (stage !== undefined) {
      const value = await page.$$eval('#walk-stage option',
        (options, name) => (options.find((o) => o.textContent === name) || {}).value, stage);
      if (value === undefined)
        throw new Error('no stage “' + stage + '” on phone ' + phone);
      await page.selectOption('#walk-stage', value);
    }
    await page.fill('#walk-text', what);
    await page.tap('#walk-send');
    await until('phone ' + phone + ' sent', async () =>
      await page.getAttribute('#walk-message', 'data-kind') === 'success');
    await until('the box empties', async () => await page.inputValue('#walk-text') === '');
    return { message: await text(page, '#walk-message') };
  },

  async phase ({ name }) {
    for (const { page } of phones)
      await until('phase ' + name, async () => await text(page, '#phase-name') === name);
    return {};
  },

  /* Picks a name (its index among the buttons) unless voting is anonymous,
   * taps the rows (a row twice is two dots) and sends the ballot. */
  async vote ({ phone, name, rows }) {
    const { page } = phones[phone];
    await until('voting on phone ' + phone, () => page.isVisible('#vote'));
    if (name !== null && name !== undefined) {
      await until('names', () => page.isVisible('#vote-who'));
      await page.tap('#vote-names button >> nth=' + name);
      await until('a ballot', () => page.isVisible('#vote-ballot'));
    }
    const list = page.locator('#vote-list .friction-main');
    await until('friction points to vote on', async () => await list.count() > 0);
    const texts = [];
    for (const row of rows) {
      await list.nth(row).tap();
      texts.push(((await list.nth(row).locator('.friction-text').textContent()) || '').trim());
    }
    await page.tap('#vote-send');
    await until('phone ' + phone + ' voted', async () =>
      await page.getAttribute('#vote-message', 'data-kind') === 'success');
    return { texts };
  },

  async totals ({ phone }) {
    const { page } = phones[phone];
    return { totals: await page.$$eval('#vote-list .total',
      (ts) => ts.filter((t) => t.getClientRects().length > 0).map((t) => t.textContent.trim())) };
  },

  async closed () {
    for (const { page } of phones)
      await until('the phone says the room is gone', async () =>
        await page.isVisible('#status') &&
        ['offline', 'closed'].includes(await page.getAttribute('#status', 'data-state')), 30000);
    return {};
  },

  async shot ({ phone, path: file }) {
    await phones[phone].page.screenshot({ path: file });
    return {};
  },

  async quit () {
    if (browser !== null)
      await browser.close();
    browser = null;
    return { problems };
  },
};

async function main () {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim())
      continue;
    let answer;
    try {
      const command = JSON.parse(line);
      answer = { ok: true, ...(await commands[command.do](command)) };
      if (command.do === 'quit') {
        console.log(JSON.stringify(answer));
        break;
      }
    } catch (error) {
      answer = { ok: false, error: String(error && error.stack || error) };
    }
    console.log(JSON.stringify(answer));
  }
  if (browser !== null)
    await browser.close();
  process.exit(0);
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exit(1);
});
