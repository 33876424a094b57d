require('./register-ts');
const test = require('node:test');
const assert = require('node:assert/strict');
const { Header } = require('../src/components/Header');
const { Footer } = require('../src/components/Footer');
const { themeFor } = require('../src/hooks/useTheme');
const cache = require('../src/lib/cache');

test('the header shows the admin link only to admins', () => {
  const admin = Header({ title: 'Shop', user: { name: 'Ada', role: 'admin' } });
  assert.match(admin, /href="\/admin"/);
  assert.match(admin, /Ada/);
  const guest = Header({ title: 'Shop', user: null });
  assert.doesNotMatch(guest, /href="\/admin"/);
  assert.match(guest, /Sign in/);
});

test('the footer carries the copyright line', () => {
  assert.match(Footer({ year: 2025 }), /© 2025 Sample Shop/);
});

test('the system theme is dark at night', () => {
  assert.equal(themeFor(22, 'system'), 'dark');
  assert.equal(themeFor(12, 'system'), 'light');
  assert.equal(themeFor(12, 'dark'), 'dark');
});

test('cache entries expire after their TTL', () => {
  cache.clear();
  cache.set('a', 1, 100);
  cache.set('b', 2);
  assert.equal(cache.get('a', Date.now() + 50), 1);
  assert.equal(cache.get('a', Date.now() + 1000), undefined);
  assert.equal(cache.get('b', Date.now() + 1e9), 2);
});
