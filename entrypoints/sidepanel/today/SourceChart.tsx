import { sourceLabels } from '../../../lib/lead/describe';
import { sourceKinds } from '../../../lib/lead/terms';
import type { DayNumbers } from '../../../lib/today';

const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const WIDTH = 280;
const HEIGHT = 110;
const AXIS = 16;

/**
 * The last seven days as stacked bars by source: plain SVG drawn by React, no chart library.
 * Screen readers get the same numbers as text.
 */
export function SourceChart({ days }: { days: DayNumbers['days'] }) {
  const most = Math.max(1, ...days.map((d) => d.bySource.total));
  const slot = WIDTH / days.length;
  const bar = slot * 0.6;
  const scale = (HEIGHT - AXIS - 12) / most;
  const summary = days.map((d) => `${weekday.format(d.day)} ${d.bySource.total}`).join(', ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Leads per day, last 7 days: ${summary}`}>
        {days.map((d, i) => {
          let top = HEIGHT - AXIS;
          const x = i * slot + (slot - bar) / 2;
          return (
            <g key={d.day}>
              {sourceKinds.map((kind) => {
                const height = d.bySource[kind] * scale;
                if (height === 0) return null;
                top -= height;
                return <rect key={kind} className={`chart__bar chart__bar--${kind}`} x={x} y={top} width={bar} height={height} />;
              })}
              {d.bySource.total > 0 && (
                <text className="chart__value" x={x + bar / 2} y={top - 2} textAnchor="middle">
                  {d.bySource.total}
                </text>
              )}
              <text className="chart__label" x={x + bar / 2} y={HEIGHT - 3} textAnchor="middle">
                {weekday.format(d.day)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        {sourceKinds.map((kind) => (
          <span key={kind}>
            <span className={`chart__swatch chart__bar--${kind}`} aria-hidden="true" />
            {sourceLabels[kind]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
