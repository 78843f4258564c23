// The Chromium side of `bcsim run --browser chromium` (harness/src/browser/chromium_browser.cpp):
// one Debian Chromium, a fresh profile, driven through playwright-core. One JSON command per line
// on stdin, one JSON answer per line on stdout ({"ok":true,...} or {"ok":false,"error":...}).
//   hello                          launches Chromium
//   goto {url}                     navigates
//   fetch {url}                    reads a same-origin URL from the page (fetch), no navigation
//   click {text}                   clicks the first link whose visible text is `text`
//   submit {form, button, set}     sets fields by name in document.forms[form], presses its
//                                  button number `button` (submit buttons in document order)
//   post {url, fields}             submits a form made for it (fields: [[name, value], ...])
//   screenshot                     {png: base64}
// Navigation answers: {url, status, content_type, body, events: [{method, url, status,
// location, request_headers, response_headers, post_data, body?}]} (the main frame's requests).
// Closing stdin closes Chromium and removes the profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const argv = process.argv.slice(2);
const executablePath = argv[argv.indexOf('--chromium') + 1] || '/usr/bin/chromium';
export const kFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let context = null;
let page = null;
let profile = null;
let events = [];

async function launch() {
  profile = mkdtempSync(join(tmpdir(), 'bcsim-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: kFlags, viewport: { width: 1000, height: 700 },
  });
  page = context.pages()[0] || await context.newPage();
  await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
  page.on('response', (r) => {
    const req = r.request();
    if (!req.isNavigationRequest() || r.frame() !== page.mainFrame()) return;
    events.push({ method: req.method(), url: r.url(), status: r.status(), location: r.headers().location || '',
      request_headers: req.headers(), response_headers: r.headers(), post_data: req.postData() || '', response: r });
  });
}

async function answer(resp) {
  await page.waitForLoadState('load').catch(() => {});
  const out = { ok: true, url: page.url(), status: resp ? resp.status() : 0, content_type: '', body: '' };
  if (resp) {
    out.content_type = resp.headers()['content-type'] || '';
    out.body = await resp.text().catch(() => '');
  }
  out.events = events.map(({ response, ...e }) => (response === resp ? { ...e, body: out.body } : e));
  events = [];
  return out;
}

async function navigateBy(action) {
  events = [];
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), action()]);
  return answer(resp);
}

async function handle(cmd) {
  switch (cmd.op) {
    case 'hello':
      await launch();
      return { ok: true, version: context.browser()?.version() ?? '' };
    case 'goto': {
      events = [];
      const resp = await page.goto(cmd.url, { waitUntil: 'load' });
      return answer(resp);
    }
    case 'fetch': {  // a same-origin JSON read from the page, as its scripts would (no navigation)
      const r = await page.evaluate(async (u) => {
        const res = await fetch(u, { credentials: 'same-origin', redirect: 'manual' });
        return { status: res.status, content_type: res.headers.get('content-type') || '',
          body: await res.text(), headers: Object.fromEntries(res.headers.entries()) };
      }, cmd.url);
      return { ok: true, url: cmd.url, status: r.status, content_type: r.content_type, body: r.body,
        events: [{ method: 'GET', url: cmd.url, status: r.status, location: '', request_headers: {},
          response_headers: r.headers, post_data: '', body: r.body }] };
    }
    case 'click': {
      const el = (await page.evaluateHandle((t) => [...document.querySelectorAll('a[href]')]
        .find((a) => a.textContent.replace(/\s+/g, ' ').trim() === t) || null, cmd.text)).asElement();
      if (!el) return { ok: false, error: `Chromium found no link "${cmd.text}" on ${page.url()}` };
      return navigateBy(() => el.evaluate((e) => e.click()));
    }
    case 'submit': {
      const form = page.locator('form').nth(cmd.form);
      for (const [name, value] of Object.entries(cmd.set || {})) {
        const fields = form.locator(`[name="${name.replace(/["\\]/g, '\\$&')}"]`);
        const n = await fields.count();
        for (let i = 0; i < n; i++) {
          const f = fields.nth(i);
          const tag = await f.evaluate((e) => e.tagName.toLowerCase());
          const type = (await f.getAttribute('type') || '').toLowerCase();
          if (tag === 'select') await f.selectOption(value);
          else if (type === 'radio' || type === 'checkbox') {
            if ((await f.getAttribute('value') ?? 'on') === value) await f.check();
            else if (type === 'checkbox') await f.uncheck();
          } else if (type === 'hidden') await f.evaluate((e, v) => { e.value = v; }, value);
          else await f.fill(value);
        }
      }
      const buttons = form.locator('button:not([type]), button[type="submit" i], input[type="submit" i], input[type="image" i]');
      if (await buttons.count() <= cmd.button) return { ok: false, error: `Chromium found no button ${cmd.button} in form ${cmd.form}` };
      return navigateBy(() => buttons.nth(cmd.button).evaluate((e) => e.click()));
    }
    case 'post':
      return navigateBy(() => page.evaluate(([url, fields]) => {
        const f = document.createElement('form');
        f.method = 'post';
        f.action = url;
        for (const [k, v] of fields) {
          const i = document.createElement('input');
          i.type = 'hidden'; i.name = k; i.value = v;
          f.appendChild(i);
        }
        document.body.appendChild(f);
        f.submit();
      }, [cmd.url, cmd.fields || []]));
    case 'screenshot':
      return { ok: true, png: (await page.screenshot({ type: 'png' })).toString('base64') };
    default:
      return { ok: false, error: `unknown op ${cmd.op}` };
  }
}

async function close() {
  try { if (context) await context.close(); } catch { /* already gone */ }
  if (profile) rmSync(profile, { recursive: true, force: true });
}

const rl = createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  queue = queue.then(async () => {
    let out;
    try {
      out = await handle(JSON.parse(line));
    } catch (e) {
      out = { ok: false, error: `Chromium: ${String(e && e.message || e).split('\n')[0]}` };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  });
});
const finish = () => { queue.then(close).then(() => process.exit(0)); };
rl.on('close', finish);
rl.on('error', finish);  // bcsim exited without closing: the same as a close
process.stdin.on('error', finish);
process.stdout.on('error', finish);  // nobody reads the answers any more
process.on('SIGTERM', finish);
// Whatever way it ends (but SIGKILL), the profile goes: Chromium may write to it while closing.
process.on('exit', () => { if (profile) rmSync(profile, { recursive: true, force: true }); });
