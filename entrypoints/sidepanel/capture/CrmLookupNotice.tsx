import type { CrmMatch, LookupOutcome } from '../../../lib/crm/lookup';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function MatchLine({ match }: { match: CrmMatch }) {
  const who = [match.fullName, match.company].filter(Boolean).join(', ') || match.crmId;
  const updated = match.updatedAt ? day.format(new Date(match.updatedAt)) : undefined;
  return (
    <li>
      <strong>{who}</strong>
      {match.owner && <> · owner {match.owner}</>}
      {updated && <> · updated {updated}</>}
      {match.url && (
        <>
          {' '}
          <a href={match.url} target="_blank" rel="noopener noreferrer">
            Open in CRM
          </a>
        </>
      )}
    </li>
  );
}

/** "Already in your CRM?", said near the top of the capture form; nothing while there is nothing to ask. */
export function CrmLookupNotice({ outcome, checking }: { outcome: LookupOutcome | undefined; checking: boolean }) {
  if (checking && !outcome) return <p className="crm-lookup" role="status">Checking your CRM…</p>;
  if (!outcome || outcome.status === 'off') return null;
  switch (outcome.status) {
    case 'found':
      return (
        <div className="crm-lookup crm-lookup--found" role="status">
          <p>
            Already in your CRM{outcome.matches.length > 1 ? ` (${outcome.matches.length} records)` : ''}
            {outcome.matches.length === 1 && ': saving updates this record'}
          </p>
          <ul>
            {outcome.matches.map((match) => (
              <MatchLine key={match.crmId} match={match} />
            ))}
          </ul>
        </div>
      );
    case 'none':
      return <p className="crm-lookup" role="status">Not in your CRM yet</p>;
    case 'offline':
      return <p className="crm-lookup crm-lookup--problem" role="status">Could not check: offline</p>;
    case 'failed':
      return <p className="crm-lookup crm-lookup--problem" role="status">Could not check: {outcome.reason}</p>;
  }
}
