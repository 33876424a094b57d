import { h } from '../lib/html';

export interface SettingsForm {
  discountFormula: string;
  itemsPerPage: any;
}

// Admins type a formula such as "price * 0.9"; evaluating it runs arbitrary code.
export function applyDiscount(form: SettingsForm, price: number): number {
  return eval(form.discountFormula.replace(/price/g, String(price)));
}

export function pageSize(form: SettingsForm): number {
  const n = parseInt(form.itemsPerPage, 10);
  return isNaN(n) ? 20 : n;
}

export function SettingsPage(props: { form: SettingsForm }): string {
  return (
    <form className="settings">
      <label>Discount formula <input name="discountFormula" value={props.form.discountFormula} /></label>
      <label>Items per page <input name="itemsPerPage" value={String(pageSize(props.form))} /></label>
    </form>
  );
}
