import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the home page is in Kiswahili by default and shows the nine architecture groups', async () => {
  const res = await t.app.inject('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="sw"/);
  assert.match(res.body, /Viwango vya Serikali Mtandao mahali pamoja/);
  const groups = res.body.match(/<ol class="vw-groups">([\s\S]*?)<\/ol>/)![1];
  assert.equal(groups.match(/<li/g)!.length, 9);
  assert.match(groups, /Usanifishaji wa Usalama wa Serikali Mtandao/);
});

test('?lang=en switches to English and the choice is kept in a cookie', async () => {
  const b = new Browser(t.app);
  const first = await b.get('/?lang=en');
  assert.match(first.body, /<html lang="en"/);
  assert.match(first.body, /e-Government standards in one place/);
  assert.equal(b.cookies.get('lang'), 'en');
  const next = await b.get('/about');
  assert.match(next.body, /<html lang="en"/);
  assert.match(next.body, /About the e-Government Authority/);
  assert.match(next.body, /1 April 2012/);
  const back = await b.get('/about?lang=sw');
  assert.match(back.body, /Kuhusu Mamlaka ya Serikali Mtandao/);
  assert.equal(b.cookies.get('lang'), 'sw');
});

test('the language switch links to the same page in the other language', async () => {
  const res = await t.app.inject('/framework?lang=en');
  assert.match(res.body, /href="\/framework\?lang=sw"[^>]*>Kiswahili</);
});

test('the framework page explains the three levels and lists the nine groups in both languages', async () => {
  const sw = await t.app.inject('/framework?lang=sw');
  assert.match(sw.body, /Ngazi tatu za nyaraka/);
  assert.match(sw.body, /Waraka mama na nyaraka zinazohusiana/);
  const en = await t.app.inject('/framework?lang=en');
  assert.match(en.body, /Three levels of documents/);
  for (const name of ['Architecture Vision', 'Interoperability Framework', 'Security Architecture', 'Process and Governance']) {
    assert.ok(en.body.includes(name), name);
  }
});
