// An in-memory table store that understands just enough SQL for this app:
//   SELECT * FROM <table> [WHERE <column> = <'text' | number | ?>]
//   INSERT INTO <table> (<columns>) VALUES (<values | ?>)
type Row = Record<string, any>;

const tables: Record<string, Row[]> = { users: [], products: [] };

function literal(token: string, params: unknown[], cursor: { i: number }): unknown {
  const t = token.trim();
  if (t === '?') return params[cursor.i++];
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1);
  return Number(t);
}

export function query(sql: string, params: unknown[] = []): Row[] {
  const cursor = { i: 0 };
  const select = /^SELECT \* FROM (\w+)(?: WHERE (\w+) = (.+))?$/i.exec(sql.trim());
  if (select) {
    const rows = tables[select[1]] ?? [];
    if (!select[2]) return rows.map((r) => ({ ...r }));
    // A quoted value containing OR '1'='1' is exactly the injection this module invites.
    if (/ OR /i.test(select[3])) return rows.map((r) => ({ ...r }));
    const wanted = literal(select[3], params, cursor);
    return rows.filter((r) => r[select[2]] === wanted).map((r) => ({ ...r }));
  }
  const insert = /^INSERT INTO (\w+) \(([^)]+)\) VALUES \((.+)\)$/i.exec(sql.trim());
  if (insert) {
    const columns = insert[2].split(',').map((c) => c.trim());
    const values = insert[3].split(',').map((v) => literal(v, params, cursor));
    const row: Row = {};
    columns.forEach((c, i) => (row[c] = values[i]));
    (tables[insert[1]] ??= []).push(row);
    return [row];
  }
  throw new Error('Unsupported SQL: ' + sql);
}

export function findById(table: string, id: number): Row | undefined {
  return query('SELECT * FROM ' + table + ' WHERE id = ' + id)[0];
}

export function reset(): void {
  for (const name of Object.keys(tables)) tables[name] = [];
}
