export type ApiResponse<T = Record<string, unknown>> = {
  status: number;
  body: T;
  headers: Headers;
};

type JsonBody = Record<string, unknown> | unknown[];

/** A fetch client over real HTTP that keeps cookies like a browser tab. */
export class ApiClient {
  readonly #cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: JsonBody | string,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
    const requestHeaders = init.headers as Record<string, string>;
    if (this.#cookies.size > 0) requestHeaders.cookie = this.cookieHeader;
    if (body !== undefined) {
      requestHeaders['content-type'] ??= 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(new URL(path, this.baseUrl), init);
    this.#storeCookies(response.headers.getSetCookie());
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text) {
      parsed = JSON.parse(text);
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = Record<string, unknown>>(path: string) => this.request<T>('GET', path);
  post = <T = Record<string, unknown>>(path: string, body?: JsonBody | string) =>
    this.request<T>('POST', path, body ?? {});
  patch = <T = Record<string, unknown>>(path: string, body: JsonBody | string) =>
    this.request<T>('PATCH', path, body);
  delete = <T = Record<string, unknown>>(path: string) => this.request<T>('DELETE', path);

  #storeCookies(setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}
