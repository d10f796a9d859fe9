import { storage } from 'wxt/utils/storage';
import { emptyLeadForm, type LeadFormValues } from '../lead/form';
import type { Prospect } from '../lead/schema';
import { prospectFields, sourceKinds, qualificationLevels } from '../lead/terms';
import type { FillOrigin } from './reducer';

// What the rep is typing survives the panel closing: it is kept until the lead is saved. So do the
// marks on the fields a page, a badge or a card filled: the next read replaces those fields (not
// leaving the last person's LinkedIn profile beside the next one's name) and the rep still sees
// what to check.
const draftItem = storage.defineItem<Record<string, unknown>>('local:captureDraft');
const marksItem = storage.defineItem<{ fields: unknown; from: unknown }>('local:captureDraftMarks');

/** Which fields were filled by a read, and from what. */
export type DraftMarks = { fields: Array<keyof Prospect>; from: FillOrigin };

export async function loadDraftMarks(): Promise<DraftMarks> {
  const saved = await marksItem.getValue();
  const fields = Array.isArray(saved?.fields) ? saved.fields.filter((field): field is keyof Prospect => prospectFields.includes(field as keyof Prospect)) : [];
  const from = saved?.from === 'badge' || saved?.from === 'card' ? saved.from : 'page';
  return { fields, from };
}

export function saveDraftMarks(marks: DraftMarks): Promise<void> {
  return marks.fields.length ? marksItem.setValue(marks) : marksItem.removeValue();
}

/** The saved draft over an empty form; anything of the wrong type is dropped, not trusted. */
export async function loadDraft(): Promise<LeadFormValues> {
  const saved = (await draftItem.getValue()) ?? {};
  const form = emptyLeadForm();
  const draft: Record<string, unknown> = { ...form };
  for (const [field, empty] of Object.entries(form)) {
    const value = saved[field];
    if (typeof value === typeof empty) draft[field] = value;
  }
  if (!sourceKinds.includes(draft.sourceKind as never)) draft.sourceKind = form.sourceKind;
  // Answers: question → the strings answered; anything else in it is dropped.
  draft.answers = Object.fromEntries(
    Object.entries(draft.answers && !Array.isArray(draft.answers) ? (draft.answers as Record<string, unknown>) : {}).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((part) => typeof part === 'string'),
    ),
  );
  if (!qualificationLevels.includes(draft.level as never)) draft.level = form.level;
  return draft as LeadFormValues;
}

export function saveDraft(values: LeadFormValues): Promise<void> {
  return draftItem.setValue(values);
}

export async function clearDraft(): Promise<void> {
  await Promise.all([draftItem.removeValue(), marksItem.removeValue()]);
}
