import type { OcrLine } from './ocr';

// A business card's text in the order a person reads it, from the runs of text the OCR found and
// their boxes: runs on one baseline joined ("T" and "+44 20 …" are one line), the card's columns
// rebuilt (runs whose horizontal extents overlap are one column; a run across most of the card
// stands alone), each column read top to bottom, left column first, and a name or company printed
// large and wrapped on two lines put back on one. The contact-text parser reads the result.

/** OCR runs below this confidence (0–100) are smudges, logos or lines of the card's pattern. */
const MIN_CONFIDENCE = 35;

type Box = { text: string; x0: number; y0: number; x1: number; y1: number };

const height = (box: Box) => box.y1 - box.y0;
const middle = (box: Box) => (box.y0 + box.y1) / 2;
/** The lower median: the height of the card's body text, which outnumbers its headings. */
const lowerMedian = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** Runs of text on one line (their middles within half a line of each other) and close together, joined left to right. */
function joinRuns(lines: Box[]): Box[] {
  const rows: Box[] = [];
  for (const run of [...lines].sort((a, b) => a.x0 - b.x0)) {
    const row = rows.find(
      (other) => Math.abs(middle(other) - middle(run)) < Math.min(height(other), height(run)) / 2 && run.x0 - other.x1 < 2.5 * Math.max(height(other), height(run)) && run.x0 >= other.x0,
    );
    if (row) {
      row.text = `${row.text} ${run.text}`;
      row.x1 = Math.max(row.x1, run.x1);
      row.y0 = Math.min(row.y0, run.y0);
      row.y1 = Math.max(row.y1, run.y1);
    } else rows.push({ ...run });
  }
  return rows;
}

/** Lines whose horizontal extents overlap, transitively: the card's columns, left to right. */
function columns(lines: Box[], cardWidth: number): Box[][] {
  const wide = lines.filter((line) => line.x1 - line.x0 > 0.6 * cardWidth);
  const groups = overlapping(lines.filter((line) => !wide.includes(line)));
  // One column: a wide line is simply one of its lines.
  if (groups.length <= 1) return [[...lines].sort((a, b) => a.y0 - b.y0)];
  // A line across two columns (an address in the footer) is read after them.
  return [...groups, ...wide.map((line) => [line])].map((column) => column.sort((a, b) => a.y0 - b.y0));
}

function overlapping(lines: Box[]): Box[][] {
  const groups: Array<{ x0: number; x1: number; lines: Box[] }> = [];
  for (const line of [...lines].sort((a, b) => a.x0 - b.x0)) {
    const group = groups.find((other) => line.x0 <= other.x1 && line.x1 >= other.x0);
    if (group) {
      group.lines.push(line);
      group.x0 = Math.min(group.x0, line.x0);
      group.x1 = Math.max(group.x1, line.x1);
    } else groups.push({ x0: line.x0, x1: line.x1, lines: [line] });
  }
  return groups.sort((a, b) => a.x0 - b.x0).map((group) => group.lines);
}

/** A column cut where the gap between two lines is larger than `gap`. */
function apart(column: Box[], gap: number): Box[][] {
  const parts: Box[][] = [];
  for (const line of column) {
    const part = parts.at(-1);
    const above = part?.at(-1);
    if (part && above && line.y0 - above.y1 <= gap) part.push(line);
    else parts.push([line]);
  }
  return parts;
}

const PLAIN_WORDS = /^[\p{L}][\p{L}'’.&-]*(?:\s+[\p{L}'’.&-]+)*$/u;

/** A name or a company printed larger than the column's text and wrapped onto a second line, joined. */
function unwrap(column: Box[], bodyHeight: number): Box[] {
  const out: Box[] = [];
  for (const line of column) {
    const last = out.at(-1);
    const large = (box: Box) => height(box) >= 1.25 * bodyHeight;
    if (
      last &&
      large(last) &&
      large(line) &&
      // Box heights differ by the letters' descenders ("Logistics" is taller than "Marine").
      Math.abs(height(last) - height(line)) <= 0.3 * Math.max(height(last), height(line)) &&
      line.y0 - last.y1 < 0.6 * height(line) &&
      PLAIN_WORDS.test(last.text) &&
      PLAIN_WORDS.test(line.text) &&
      last.text.split(/\s+/).length + line.text.split(/\s+/).length <= 5
    ) {
      out[out.length - 1] = { ...last, text: `${last.text} ${line.text}`, x1: Math.max(last.x1, line.x1), y1: line.y1 };
    } else out.push(line);
  }
  return out;
}

/** The card's text, one line per line of the card, columns one after the other (a blank line between). */
export function cardText(lines: readonly OcrLine[]): string {
  const kept = lines.filter((line) => line.confidence >= MIN_CONFIDENCE && /[\p{L}\p{N}]/u.test(line.text));
  if (kept.length === 0) return '';
  const rows = joinRuns(kept);
  const cardWidth = Math.max(...rows.map((row) => row.x1)) - Math.min(...rows.map((row) => row.x0));
  const bodyHeight = lowerMedian(rows.map(height));
  // A column's lines far below the rest of it (an address along the card's foot under both
  // columns) are read after every column's main part.
  const parts = columns(rows, cardWidth).map((column) => apart(column, 4 * bodyHeight));
  const depth = Math.max(...parts.map((column) => column.length));
  const ordered = Array.from({ length: depth }, (_, level) => parts.flatMap((column) => (column[level] ? [column[level]] : [])));
  return ordered
    .flat()
    .map((part) => unwrap(part, bodyHeight).map((line) => line.text).join('\n'))
    .join('\n\n');
}
