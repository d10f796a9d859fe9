import type { ResultRow } from '../../../lib/outcomes/results';

const WIDTH = 280;
const ROW = 13;
const LABEL = 70;
const steps = [
  ['leads', 'Leads'],
  ['meetings', 'Meetings'],
  ['demos', 'Demos'],
  ['won', 'Won'],
] as const;

/**
 * One source's funnel: leads, meetings, demos, won, as bars on one scale. Plain SVG drawn by React
 * (as the Today chart); screen readers get the same numbers as text.
 */
export function FunnelChart({ row, kind }: { row: ResultRow; kind: string }) {
  const most = Math.max(1, row.leads);
  const height = steps.length * ROW + 4;
  const summary = steps.map(([key, label]) => `${label} ${row[key]}`).join(', ');
  return (
    <figure className="funnel">
      <figcaption>{row.group}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${row.group}: ${summary}`}>
        {steps.map(([key, label], i) => {
          const value = row[key];
          const width = ((WIDTH - LABEL - 36) * value) / most;
          const y = i * ROW + 2;
          return (
            <g key={key}>
              <text className="chart__label" x={0} y={y + 9}>
                {label}
              </text>
              <rect className={`chart__bar chart__bar--${kind}`} x={LABEL} y={y} width={Math.max(width, value ? 2 : 0)} height={ROW - 4} />
              <text className="chart__value" x={LABEL + width + 4} y={y + 9}>
                {value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
