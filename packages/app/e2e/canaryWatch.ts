import type { Page } from 'playwright-core';

/**
 * Records every response body the page receives that contains one of the
 * canary values; secret values must never come back from any server.
 */
export function watchResponsesFor(page: Page, canaries: string[]) {
  const leaks: string[] = [];
  let inspected = 0;
  const pending: Promise<void>[] = [];
  page.on('response', response => {
    pending.push(
      (async () => {
        let body: string;
        try {
          body = (await response.body()).toString('utf8');
        } catch {
          return; // redirects and aborted requests have no body
        }
        inspected++;
        if (canaries.some(canary => body.includes(canary))) {
          leaks.push(`${response.request().method()} ${response.url()}`);
        }
      })(),
    );
  });
  return {
    /** URLs whose response carried a canary, once all bodies are read. */
    async leaks(): Promise<{ leaks: string[]; inspected: number }> {
      await Promise.all(pending);
      return { leaks, inspected };
    },
  };
}

/** Whether a canary is anywhere in the DOM: markup or input values. */
export async function domContains(
  page: Page,
  canary: string,
): Promise<boolean> {
  return page.evaluate(value => {
    if (document.documentElement.outerHTML.includes(value)) {
      return true;
    }
    return Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        'input, textarea',
      ),
    ).some(input => input.value.includes(value));
  }, canary);
}

/**
 * Whether a canary is in the page's markup (`outerHTML`), what anything that
 * serialises the DOM sees; a value typed into an input must never be there.
 */
export async function markupContains(
  page: Page,
  canary: string,
): Promise<boolean> {
  return page.evaluate(
    value => document.documentElement.outerHTML.includes(value),
    canary,
  );
}
