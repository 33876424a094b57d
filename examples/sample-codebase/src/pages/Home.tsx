import { h } from '../lib/html';
import { Header } from '../components/Header';
import { Footer } from '../components/Footer';
import { Product } from '../models/Product';

export function featured(products: Product[], count: number): Product[] {
  // Deep copy "to be safe" before sorting.
  const copy: Product[] = JSON.parse(JSON.stringify(products)).map((p: any) => new Product(p.row));
  return copy.filter((p) => p.inStock()).slice(0, count);
}

export function HomePage(props: { products: Product[]; userName?: string }): string {
  return (
    <main>
      <Header title="Sample Shop" user={props.userName ? { name: props.userName, role: 'customer' } : null} />
      <ul className="featured">
        {featured(props.products, 3).map((p) => (
          <li>{p.row.name} ${p.price()}</li>
        ))}
      </ul>
      <Footer year={2025} />
    </main>
  );
}
