/**
 * The API's own words for a failure (`{ statusCode, error, message }`), shown as they are: they name
 * the field or the state that made the request fail.
 */
export function errorMessage(error: unknown, response?: Response): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? `${error.statusCode}: ` : '';
    return `${status}${error.message}`;
  }
  if (error instanceof Error) return error.message;
  return response ? `${response.status} ${response.statusText}` : String(error);
}
