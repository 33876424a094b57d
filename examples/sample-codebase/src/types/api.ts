export interface ApiResponse<T = any> {
  status: number;
  data: T;
  error?: string;
}

export interface Paginated<T> {
  items: T[];
  page: number;
  total: number;
}

export type Handler = (request: any) => Promise<ApiResponse>;
