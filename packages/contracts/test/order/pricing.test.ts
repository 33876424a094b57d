import { describe, expect, it } from 'vitest';
import { ErrorType } from '../../src/errors';
import { priceOrder, validateOrder, type CatalogEntry, type CreateOrderBody } from '../../src/order/index';

const CATALOG = new Map<string, CatalogEntry>([
  ['laptop-001', { name: 'Laptop', priceCents: 129_999 }],
  ['mouse-001', { name: 'Mouse', priceCents: 2_999 }],
]);
const catalog = (id: string) => CATALOG.get(id);

const order = (over: Partial<CreateOrderBody> = {}): CreateOrderBody => ({
  orderId: 'o-1',
  customerId: 'c-1',
  items: [
    { productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 },
    { productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 },
  ],
  totalAmount: 1359.97,
  ...over,
});

describe('priceOrder: the catalog sets the price', () => {
  it('prices an order without prices or total at the catalog total', () => {
    const bare = order({ items: order().items.map(({ price: _price, ...rest }) => rest), totalAmount: undefined });
    expect(validateOrder(bare)).toBeUndefined();
    const result = priceOrder(bare, catalog);
    expect(result).toEqual({ ok: true, priced: { items: order().items, totalCents: 135_997 } });
  });

  it('accepts prices and a total equal to the catalog', () => {
    expect(priceOrder(order(), catalog)).toMatchObject({ ok: true, priced: { totalCents: 135_997 } });
  });

  it('names the item whose price differs and says the current price', () => {
    // A laptop at 0.01 whose total adds up: validateOrder is satisfied, the catalog is not.
    const cheap = order({ items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 0.01 }], totalAmount: 0.01 });
    expect(validateOrder(cheap)).toBeUndefined();
    expect(priceOrder(cheap, catalog)).toEqual({
      ok: false,
      issue: { field: '/items/0/price', message: 'must equal the catalog price of laptop-001 (1299.99)', reason: ErrorType.PriceChanged, current: 1299.99 },
    });
  });

  it('names the total when only the total differs', () => {
    const bare = order({ items: order().items.map(({ price: _price, ...rest }) => rest), totalAmount: 1.0 });
    expect(priceOrder(bare, catalog)).toMatchObject({ ok: false, issue: { field: '/totalAmount', reason: ErrorType.PriceChanged, current: 1359.97 } });
  });

  it('names an unknown product', () => {
    const unknown = order({ items: [{ productId: 'no-such', productName: 'x', quantity: 1 }], totalAmount: undefined });
    expect(priceOrder(unknown, catalog)).toMatchObject({ ok: false, issue: { field: '/items/0/productId', reason: ErrorType.UnknownProduct } });
  });
});
