import { Window } from 'happy-dom';

/** A Document parsed the way the side panel parses a page (DOMParser: no scripts run). */
export function parseHtml(html: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true, disableJavaScriptFileLoading: true } });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** The page address a fixture declares in its first line: `<!-- source: https://… -->`. */
export function fixtureUrl(html: string): string {
  const url = /<!--\s*source:\s*(\S+)\s*-->/.exec(html)?.[1];
  if (!url) throw new Error('A fixture must start with <!-- source: https://… -->');
  return url;
}
