require('./register-ts');
const test = require('node:test');
const assert = require('node:assert/strict');
const { isEmail, matchesPin, validateAddress } = require('../src/utils/validation');

test('isEmail accepts a plain address and rejects garbage', () => {
  assert.equal(isEmail('ada@example.com'), true);
  assert.equal(isEmail('not an email'), false);
});

test('matchesPin accepts the PIN typed into the form (a string)', () => {
  assert.equal(matchesPin('1234', 1234), true);
  assert.equal(matchesPin('9999', 1234), false);
});

test('validateAddress explains what is missing', () => {
  assert.deepEqual(validateAddress(undefined), ['address is required']);
  assert.deepEqual(validateAddress({}), ['country is required']);
  assert.deepEqual(validateAddress({ country: 'US' }), ['zip is required']);
  assert.deepEqual(validateAddress({ country: 'US', zip: '123' }), ['zip must have 5 digits']);
  assert.deepEqual(validateAddress({ country: 'US', zip: '94107' }), []);
});
