require('./register-ts');
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseBody, getJson, buildUrl } = require('../src/utils/api');

test('parseBody reads a JSON document', () => {
  assert.deepEqual(parseBody('{"id": 7, "tags": ["a", "b"]}'), { id: 7, tags: ['a', 'b'] });
});

test('getJson returns data on success and the body as error on failure', async () => {
  const ok = await getJson(async () => ({ status: 200, text: async () => '{"ok":true}' }), '/x');
  assert.deepEqual(ok, { status: 200, data: { ok: true } });
  const bad = await getJson(async () => ({ status: 404, text: async () => 'missing' }), '/y');
  assert.equal(bad.status, 404);
  assert.equal(bad.error, 'missing');
});

test('buildUrl encodes parameters', () => {
  assert.equal(buildUrl('/search', {}), '/search');
  assert.equal(buildUrl('/search', { q: 'a b', page: 2 }), '/search?q=a%20b&page=2');
});
