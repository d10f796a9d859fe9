import { cleanText } from './text';

// "VP Sales at Acme", "Head of X @ Y", "Leiterin Einkauf bei Muster GmbH | Logistik": a headline
// often names the current role and company. Only the first part before a bar is read.
const AT = /^(.+?)\s+(?:at|@|bei|chez|en|presso|na|hos|bij|w)\s+(.+)$/i;
const AT_SIGN = /^(.+?)\s*@\s*(.+)$/;

export function roleFromHeadline(headline: string | undefined): { title?: string; company?: string } {
  if (!headline) return {};
  const first = headline.split(/\s+[|•·]\s+|\s+\|\s*|\s*\|\s+/)[0] ?? headline;
  const match = AT.exec(first) ?? AT_SIGN.exec(first);
  if (!match) return {};
  const title = cleanText(match[1], 200);
  const company = cleanText(match[2]?.replace(/[,;]\s*$/, ''), 200);
  return title && company ? { title, company } : {};
}
