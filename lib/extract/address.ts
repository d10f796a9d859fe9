import { COMPANY_SUFFIX } from './contact-text';
import { cleanText } from './text';
import type { FieldReader } from './types';

// <address>: a company's postal address, kept as one line; its last line is often the country.
export const addressReader: FieldReader = {
  id: 'address',
  read(doc) {
    const element = [...doc.querySelectorAll('address')].find((el) => !el.closest('article, blockquote'));
    if (!element) return {};
    const clone = element.cloneNode(true) as Element;
    for (const hidden of clone.querySelectorAll('script, style, template, noscript')) hidden.remove();
    for (const br of clone.querySelectorAll('br')) br.replaceWith('\n');
    for (const block of clone.querySelectorAll('p, div, span, li')) block.append('\n');
    const lines = (clone.textContent ?? '')
      .split(/\n|,\s+/)
      .map((line) => cleanText(line, 120))
      // Not the company's own name (the lead's company field has it), nor its phone or email.
      .filter((line): line is string => !!line && !COMPANY_SUFFIX.test(line) && !/@|^(?:tel|phone|fax|t|f|e)[.:]/i.test(line) && !/^\+?[\d\s()./-]{6,}$/.test(line));
    const location = cleanText(lines.slice(0, 5).join(', '), 200);
    return { location, country: lines.at(-1) };
  },
};
