import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { LookupOutcome, PersonQuery } from '../../../lib/crm/lookup';
import { sendMessage } from '../../../lib/sync/messages';

/** Typing settles for this long before the CRM is asked. */
const SETTLE_MS = 600;

/**
 * The service worker's answer to "is this person in the CRM?" for what the form holds, asked once
 * the email or LinkedIn profile has settled; one question at a time per form (the worker also
 * answers a repeated one once). Nothing waits for it.
 */
export function useCrmLookup(query: PersonQuery, enabled: boolean) {
  const [asked, setAsked] = useState<PersonQuery | null>(null);
  const { email, linkedinUrl } = query;
  const wanted = enabled && Boolean(email || linkedinUrl);
  useEffect(() => {
    if (!wanted) return;
    const timer = setTimeout(() => setAsked(query), SETTLE_MS);
    return () => clearTimeout(timer);
    // The name and company help the CRM, but only a new email or profile is a new question.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, email, linkedinUrl]);
  const current = wanted && asked && asked.email === email && asked.linkedinUrl === linkedinUrl ? asked : null;
  const lookup = useQuery({
    queryKey: ['crm-lookup', current?.email, current?.linkedinUrl],
    queryFn: () => sendMessage('lookUpPerson', current!),
    enabled: current !== null,
    retry: false,
    staleTime: 30_000,
  });
  // The worker did not answer at all (stopped, or the extension was just updated): said, never a spinner.
  const outcome: LookupOutcome | undefined = lookup.isError ? { status: 'failed', reason: 'Fieldclip’s background did not answer; try again' } : lookup.data;
  return { outcome: current ? outcome : undefined, checking: current !== null && lookup.isFetching };
}
