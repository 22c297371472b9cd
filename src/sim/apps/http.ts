/**
 * HTTP/1.1 messages as plain data: what curl and wget send and what the apps answer. Header order is
 * kept as written, because each server writes its own order and curl -v / -I show it.
 */

export interface HttpRequest {
  method: string;
  /** Path and query, as in the request line. */
  target: string;
  headers: [string, string][];
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The reason phrase of a status code (`OK`, `Not Found`). */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** A header's value (case-insensitive name). */
export function header(msg: { headers: [string, string][] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return msg.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** An HTTP date (`Sun, 22 Nov 2026 10:29:26 GMT`) for a virtual time in ms. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** UTF-8 byte length (Content-Length counts bytes). */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
