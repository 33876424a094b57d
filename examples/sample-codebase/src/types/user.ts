export type Role = 'customer' | 'admin' | 'support';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  // Free-form profile data from the old signup form.
  profile: any;
}

export interface Session {
  userId: number;
  token: string;
  expiresAt: number;
}
