import type { BrowserContext } from 'playwright-core';

// A CRM's JSON API answered at its real https address through Playwright's request routing, which
// also catches the extension service worker's requests. Shared by the fake CRMs of the browser tests.

export type ApiRequest = { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: unknown };
export type ApiAnswer = { status: number; body: unknown };
export type RoutedApi = { requests(): ApiRequest[] };

/** Answers every request to `origin` with `answer`'s status and JSON body, and keeps each request. */
export async function routeApi(context: BrowserContext, origin: string, answer: (request: ApiRequest) => ApiAnswer): Promise<RoutedApi> {
  const requests: ApiRequest[] = [];
  await context.route(`${origin}/**`, (route) => {
    const url = new URL(route.request().url());
    const request: ApiRequest = {
      method: route.request().method(),
      path: url.pathname,
      query: url.searchParams,
      headers: route.request().headers(),
      body: route.request().postDataJSON() as unknown,
    };
    requests.push(request);
    const { status, body } = answer(request);
    return route.fulfill({ status, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) });
  });
  return { requests: () => [...requests] };
}
