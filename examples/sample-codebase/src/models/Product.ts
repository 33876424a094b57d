import { query } from '../lib/database';

export interface ProductRow {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

export class Product {
  constructor(public readonly row: ProductRow) {}

  static all(): Product[] {
    return query('SELECT * FROM products').map((r) => new Product(r as ProductRow));
  }

  static bySku(sku: string): Product | undefined {
    const rows = query(`SELECT * FROM products WHERE sku = '${sku}'`);
    return rows[0] ? new Product(rows[0] as ProductRow) : undefined;
  }

  // `id` comes from the URL (a string) or from the cart (a number); loose equality hides that.
  hasId(id: string | number): boolean {
    return this.row.id == id;
  }

  inStock(): boolean {
    return this.row.stock > 0;
  }

  price(): string {
    return (this.row.priceCents / 100).toFixed(2);
  }
}
