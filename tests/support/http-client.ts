/**
 * A small browser-like HTTP client for integration tests: keeps cookies,
 * sends Origin like a browser on writes, never follows redirects (tests assert
 * on them). Form posts are urlencoded, exactly what a no-JS <form> sends.
 */
export type TestResponse = Response & { text(): Promise<string> };

export class HttpClient {
  readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  private readonly defaults: { bearer?: string };
  constructor(baseUrl: string, defaults: { bearer?: string } = {}) {
    this.baseUrl = baseUrl;
    this.defaults = defaults;
  }

  withBearer(token: string) {
    return new HttpClient(this.baseUrl, { bearer: token });
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string> | URLSearchParams | FormData;
      json?: unknown;
      body?: BodyInit;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    let body: BodyInit | undefined = init.body;
    if (init.form) {
      body = init.form instanceof FormData ? init.form : new URLSearchParams(init.form as Record<string, string>);
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const method = init.method ?? (body ? "POST" : "GET");
    if (method !== "GET" && method !== "HEAD" && !headers.has("origin")) headers.set("origin", new URL(this.baseUrl).origin);
    if (this.cookies.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    if (this.defaults.bearer && !headers.has("authorization")) headers.set("authorization", `Bearer ${this.defaults.bearer}`);
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: "manual" });
    this.storeCookies(response.headers.getSetCookie());
    return response;
  }

  /** Keep (or drop) cookies as a browser would on these Set-Cookie headers. */
  storeCookies(setCookies: string[]) {
    for (const cookie of setCookies) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value.join("=") === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string> | URLSearchParams | FormData, headers?: Record<string, string>) {
    return this.request(path, { method: "POST", form, headers });
  }

  json(method: string, path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request(path, { method, json, headers });
  }
}
