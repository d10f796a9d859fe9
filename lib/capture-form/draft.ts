import { storage } from 'wxt/utils/storage';
import { emptyLeadForm, type LeadFormValues } from '../lead/form';
import { sourceKinds, qualificationLevels } from '../lead/schema';

// What the rep is typing survives the panel closing: it is kept until the lead is saved.
const draftItem = storage.defineItem<Record<string, unknown>>('local:captureDraft');

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

export function clearDraft(): Promise<void> {
  return draftItem.removeValue();
}
