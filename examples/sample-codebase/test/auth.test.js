require('./register-ts');
const test = require('node:test');
const assert = require('node:assert/strict');
const db = require('../src/lib/database');
const { User } = require('../src/models/User');
const { hashPassword, login, isExpired } = require('../src/services/auth');

test('login succeeds with the right password and fails with a wrong one', () => {
  db.reset();
  new User(1, 'ada@example.com', 'Ada', 'admin', hashPassword('correct horse')).save();
  const session = login('ada@example.com', 'correct horse', 1000);
  assert.ok(session);
  assert.equal(session.userId, 1);
  assert.equal(isExpired(session, 1001), false);
  assert.equal(login('ada@example.com', 'wrong', 1000), null);
  assert.equal(login('nobody@example.com', 'correct horse', 1000), null);
});

test('a saved user is found by email and knows it is an admin', () => {
  db.reset();
  new User(2, 'bob@example.com', 'Bob', 'customer', 'x').save();
  const bob = User.findByEmail('bob@example.com');
  assert.equal(bob.name, 'Bob');
  assert.equal(bob.isAdmin(), false);
  assert.equal(User.findByEmail('carol@example.com'), undefined);
});
