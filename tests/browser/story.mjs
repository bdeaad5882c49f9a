// newsfold's pages in a real browser: Debian's headless Chromium, driven by playwright-core.
//
// Given the address of a running `newsfold serve` (tests/browser/run.sh starts one on the
// examples, plus one hostile article), it loads the story list, opens the story with the most
// articles, checks the parts a reader needs (cited brief, facts × articles matrix, copy graph,
// articles), hovers a citation (its tooltip quotes the sentence as that article words it),
// follows it (the sentence is shown, in its opened article entry), checks that hostile markup
// shows as text, and saves screenshots of the list, the story page and the followed citation.
//
// Usage: node story.mjs BASE_URL SCREENSHOT_DIR. Exit status 0 when every check holds.

import { chromium } from 'playwright-core';
import path from 'node:path';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node story.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures += 1;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const scriptsRan = [];
  page.on('dialog', async (dialog) => { scriptsRan.push(dialog.message()); await dialog.dismiss(); });

  // The story list.
  const home = await page.goto(`${base}/`);
  check(home.status() === 200, 'the story list loads');
  // Each story is a row (issue 18): headline link, time span and article count, the lead,
  // the outlets by name and a source-mix bar.
  const rows = await page.$$eval('ol.stories > li .row', (divs) => divs.map((row) => {
    const link = row.querySelector('a[href^="/stories/"]');
    const count = /(\d+) articles?/.exec(row.querySelector('.meta')?.textContent ?? '');
    return {
      href: link?.getAttribute('href'),
      articles: count ? Number(count[1]) : 0,
      lead: Boolean(row.querySelector('p.lead')?.textContent.trim()),
      outlets: Boolean(row.querySelector('p.outlets')?.textContent.trim()),
      mix: row.querySelector('.mix[role="img"]')?.getAttribute('aria-label') ?? '',
      updated: row.querySelector('.updated')?.textContent ?? '',
    };
  }));
  check(rows.length >= 2, `the list shows the stories (${rows.length})`);
  check(rows.every((r) => r.href && r.articles > 0), 'every row links its story and counts its articles');
  check(rows.some((r) => r.lead), 'rows show a lead snippet');
  check(rows.some((r) => r.outlets), "rows name the story's outlets");
  check(rows.every((r) => /outlets?, \d+ independent origins?/.test(r.mix)),
    `rows show a source-mix bar (${rows[0]?.mix})`);
  check(rows.every((r) => r.updated.startsWith('updated')), `rows say when they were updated (${rows[0]?.updated})`);
  const text = await page.evaluate(() => document.body.innerText);
  check(text.includes('<script>alert(1)</script>'), 'a hostile title shows as text');
  check(await page.evaluate(() => document.querySelectorAll('body script, body img').length) === 0,
    'no article markup became an element');
  await page.screenshot({ path: path.join(shots, 'stories.png'), fullPage: true });

  // The story with the most articles.
  rows.sort((a, b) => b.articles - a.articles);
  await Promise.all([page.waitForLoadState('load'), page.click(`a[href="${rows[0].href}"]`)]);
  check(page.url().endsWith(rows[0].href), `the story page opens (${rows[0].href})`);
  for (const [selector, what] of [
    ['ol.brief li', 'a cited brief'],
    ['table.matrix td.carries', 'the facts × articles matrix'],
    ['svg.graph', 'the copy graph'],
    ['details.article', 'the articles'],
    ['.cited.brief', 'brief sentences highlighted in their articles'],
  ]) {
    check(await page.locator(selector).count() > 0, `the story page has ${what}`);
  }
  await page.screenshot({ path: path.join(shots, 'story.png'), clip: { x: 0, y: 0, width: 1280, height: 2000 }, fullPage: true });

  // Hover, then follow, the first citation of the brief.
  const cite = page.locator('ol.brief sup.cite a').first();
  await cite.hover();
  const title = (await cite.getAttribute('title')) || '';
  check(/“.+”/.test(title), `the citation's tooltip quotes the article (${title.slice(0, 70)}…)`);
  const href = (await cite.getAttribute('href')) || '';
  await cite.click();
  await page.waitForFunction((h) => window.location.hash === h, href);
  const target = page.locator(`[id="${decodeURIComponent(href.slice(1))}"]`);
  check(await target.count() === 1, `the citation leads to one element (${href})`);
  check(await target.isVisible(), 'the cited sentence is visible (its article entry opened)');
  const said = ((await target.textContent()) || '').replace(/\s+/g, ' ').trim();
  const quoted = title.replace(/^[^“]*“/, '').replace(/”$/, '').replace(/…$/, '');
  check(said.length > 0 && (said.startsWith(quoted.slice(0, 40)) || quoted.startsWith(said.slice(0, 40))),
    'the sentence shown is the one the tooltip quotes');
  await page.screenshot({ path: path.join(shots, 'citation.png') });

  check(scriptsRan.length === 0, `no script from article text ran (${scriptsRan.join(', ')})`);
} finally {
  await browser.close();
}
if (failures > 0) {
  console.error(`${failures} browser check(s) failed`);
  process.exit(1);
}
console.log('all browser checks hold');
