require('./register-ts');
const test = require('node:test');
const assert = require('node:assert/strict');
const db = require('../src/lib/database');
const { Product } = require('../src/models/Product');
const { featured } = require('../src/pages/Home');
const { spendBySku, statusBadge } = require('../src/pages/Dashboard');
const { pageSize } = require('../src/pages/Settings');

function seed() {
  db.reset();
  db.query('INSERT INTO products (id, sku, name, priceCents, stock) VALUES (?, ?, ?, ?, ?)', [1, 'MUG', 'Mug', 1200, 3]);
  db.query('INSERT INTO products (id, sku, name, priceCents, stock) VALUES (?, ?, ?, ?, ?)', [2, 'CAP', 'Cap', 1999, 0]);
}

test('products are looked up by SKU and know their stock and price', () => {
  seed();
  const mug = Product.bySku('MUG');
  assert.equal(mug.price(), '12.00');
  assert.equal(mug.inStock(), true);
  assert.equal(mug.hasId(1), true);
  assert.equal(Product.bySku('NOPE'), undefined);
});

test('featured products are the ones in stock', () => {
  seed();
  assert.deepEqual(featured(Product.all(), 3).map((p) => p.row.sku), ['MUG']);
});

test('dashboard totals spend per customer and SKU', () => {
  const orders = [
    { id: 1, userId: 1, lines: [{ sku: 'MUG', quantity: 2, priceCents: 1200 }] },
    { id: 2, userId: 1, lines: [{ sku: 'CAP', quantity: 1, priceCents: 1999 }] },
  ];
  assert.deepEqual(spendBySku(orders, [1], ['MUG', 'CAP']), { 1: { MUG: 2400, CAP: 1999 } });
  assert.equal(statusBadge(orders[0], true, false, true), 'shipped-priority');
});

test('settings fall back to 20 items per page', () => {
  assert.equal(pageSize({ discountFormula: '', itemsPerPage: 'abc' }), 20);
  assert.equal(pageSize({ discountFormula: '', itemsPerPage: '50' }), 50);
});
