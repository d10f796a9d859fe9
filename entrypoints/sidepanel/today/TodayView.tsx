import { sourceLabels } from '../../../lib/lead/describe';
import { qualificationLevels, sourceKinds } from '../../../lib/lead/terms';
import { outboxDb } from '../../../lib/outbox/db';
import { dayNumbers, type BySource } from '../../../lib/today';
import { SourceChart } from './SourceChart';
import { useOutboxQuery } from '../useOutboxQuery';

const levelLabels = { raw: 'Raw', lukewarm: 'Lukewarm', hot: 'Hot' } as const;

function SourceTable({ caption, numbers }: { caption: string; numbers: BySource }) {
  return (
    <table className="numbers">
      <caption>
        {caption}: <strong>{numbers.total}</strong>
      </caption>
      <tbody>
        {sourceKinds.map((kind) => (
          <tr key={kind}>
            <th scope="row">{sourceLabels[kind]}</th>
            <td>{numbers[kind]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The day's numbers: captured today and this week by source, sync state, qualification mix, last 7 days. */
export function TodayView() {
  const numbers = useOutboxQuery(() => dayNumbers(outboxDb()), []);
  if (!numbers) return null;
  if (numbers.outbox.total === 0) {
    return (
      <section className="today" aria-label="Today">
        <p className="empty">
          No leads yet. Capture one from a page or type one in: today's and this week's leads show up here by source, with how many reached your
          CRM.
        </p>
      </section>
    );
  }
  const { outbox, levels } = numbers;
  return (
    <section className="today" aria-label="Today">
      <div className="numbers-row">
        <SourceTable caption="Today" numbers={numbers.today} />
        <SourceTable caption="This week" numbers={numbers.week} />
      </div>
      <h3>Sync</h3>
      <p className="today__sync">
        <span>
          <strong>{outbox.waiting}</strong> waiting to sync
        </span>
        <span>
          <strong>{outbox.synced}</strong> synced
        </span>
        {outbox.needsAttention > 0 && (
          <span className="today__attention">
            <strong>{outbox.needsAttention}</strong> {outbox.needsAttention === 1 ? 'needs' : 'need'} attention
          </span>
        )}
      </p>
      <h3>Qualification this week</h3>
      <p className="today__levels">
        {qualificationLevels.map((level) => (
          <span key={level} className={`lead__level--${level}`}>
            {levelLabels[level]} <strong>{levels[level]}</strong>
          </span>
        ))}
      </p>
      <h3>Last 7 days</h3>
      <SourceChart days={numbers.days} />
    </section>
  );
}
