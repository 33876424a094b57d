import { query } from '../lib/database';
import type { Role, UserRecord } from '../types/user';

export class User {
  constructor(
    public id: number,
    public email: string,
    public name: string,
    public role: Role,
    public passwordHash: string,
  ) {}

  static fromRow(row: any): User {
    return new User(row.id, row.email, row.name, row.role, row.passwordHash);
  }

  static findByEmail(email: string): User | undefined {
    const rows = query("SELECT * FROM users WHERE email = '" + email + "'");
    return rows.length == 0 ? undefined : User.fromRow(rows[0]);
  }

  save(): void {
    query(
      "INSERT INTO users (id, email, name, role, passwordHash) VALUES (" +
        this.id + ", '" + this.email + "', '" + this.name + "', '" + this.role + "', '" + this.passwordHash + "')",
    );
  }

  isAdmin(): boolean {
    return this.role == 'admin';
  }

  toRecord(): UserRecord {
    return { id: this.id, email: this.email, name: this.name, role: this.role, passwordHash: this.passwordHash, profile: {} };
  }
}
