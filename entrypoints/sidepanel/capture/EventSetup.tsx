import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { TextField } from '../../../components/TextField';
import { questionKindLabels, questionKinds, startEvent } from '../../../lib/event-start';
import type { QuestionKind } from '../../../lib/events';
import { MAX_QUESTIONS } from '../../../lib/lead/schema';

/** A question as the rep writes it: its choices one per line. */
export type QuestionDraft = { text: string; kind: QuestionKind; options: string };

type Props = {
  questions: QuestionDraft[];
  rapid: boolean;
  /** Problems by path: `questions.0.text`, `questions.1.options`, `questions`. */
  errors: Record<string, string>;
  onQuestions: (questions: QuestionDraft[]) => void;
  onRapid: (rapid: boolean) => void;
};

function QuestionEditor({ index, question, errors, onChange, onRemove }: { index: number; question: QuestionDraft; errors: Record<string, string>; onChange: (question: QuestionDraft) => void; onRemove: () => void }) {
  const kindId = useId();
  const number = index + 1;
  return (
    <li className="question-editor">
      <TextField label={`Question ${number}`} value={question.text} error={errors[`questions.${index}.text`]} onChange={(text) => onChange({ ...question, text })} />
      <div className="field">
        <div className="field__label">
          <label htmlFor={kindId}>Answer for question {number}</label>
        </div>
        <select id={kindId} value={question.kind} onChange={(event) => onChange({ ...question, kind: event.target.value as QuestionKind })}>
          {questionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {questionKindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
      {(question.kind === 'choice' || question.kind === 'choices') && (
        <TextField label={`Choices for question ${number}, one per line`} multiline value={question.options} error={errors[`questions.${index}.options`]} onChange={(options) => onChange({ ...question, options })} />
      )}
      <button type="button" className="link" onClick={onRemove}>
        Remove question {number}
      </button>
    </li>
  );
}

/** A problem from the event's checks, by its path (`questions.0.text`), for the field it belongs to. */
function problemsOf(error: unknown): Record<string, string> {
  const issues = error instanceof Error && 'issues' in error ? (error as { issues: Array<{ message: string; path: PropertyKey[] }> }).issues : [];
  if (issues.length === 0) return { eventName: error instanceof Error ? error.message : String(error) };
  const problems: Record<string, string> = {};
  for (const issue of issues) problems[issue.path.map(String).join('.') || 'eventName'] ??= issue.message;
  return problems;
}

/** "Start an event": its name, date and venue, its qualifying questions and rapid mode. */
export function StartEventForm({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState({ eventName: '', eventDate: new Date().toISOString().slice(0, 10), eventLocation: '' });
  const [questions, setQuestions] = useState<QuestionDraft[]>([]);
  const [rapid, setRapid] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const start = useMutation({
    mutationFn: () =>
      startEvent({
        eventName: form.eventName,
        ...(form.eventDate ? { eventDate: form.eventDate } : {}),
        ...(form.eventLocation.trim() ? { eventLocation: form.eventLocation } : {}),
        questions: questions.map(({ text, kind, options }) => ({ text, kind, options: kind === 'choice' || kind === 'choices' ? options.split('\n').map((line) => line.trim()).filter(Boolean) : [] })),
        rapid,
      }),
    onSuccess: onDone,
    onError: (error) => setErrors(problemsOf(error)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    start.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Start an event">
      <TextField label="Event name" required value={form.eventName} error={errors.eventName} onChange={(eventName) => setForm({ ...form, eventName })} />
      <TextField label="Event date" type="date" value={form.eventDate} error={errors.eventDate} onChange={(eventDate) => setForm({ ...form, eventDate })} />
      <TextField label="Venue" value={form.eventLocation} onChange={(eventLocation) => setForm({ ...form, eventLocation })} />
      <EventSetup questions={questions} rapid={rapid} errors={errors} onQuestions={setQuestions} onRapid={setRapid} />
      <div className="capture__actions">
        <button type="submit" className="primary">
          Start event
        </button>
        <button type="button" className="link" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Setting up an event's qualifying questions (up to 8) and rapid mode, when it starts. */
function EventSetup({ questions, rapid, errors, onQuestions, onRapid }: Props) {
  return (
    <>
      <fieldset className="event-questions">
        <legend>Qualifying questions (optional)</legend>
        <p className="field__hint">Asked of every visitor, after the source. Answers go to the CRM with the lead.</p>
        <ol>
          {questions.map((question, index) => (
            <QuestionEditor
              key={index}
              index={index}
              question={question}
              errors={errors}
              onChange={(changed) => onQuestions(questions.map((other, i) => (i === index ? changed : other)))}
              onRemove={() => onQuestions(questions.filter((_, i) => i !== index))}
            />
          ))}
        </ol>
        {errors.questions && (
          <p className="field__error" role="alert">
            {errors.questions}
          </p>
        )}
        <button type="button" disabled={questions.length >= MAX_QUESTIONS} onClick={() => onQuestions([...questions, { text: '', kind: 'text', options: '' }])}>
          {questions.length >= MAX_QUESTIONS ? `${MAX_QUESTIONS} questions at most` : 'Add a question'}
        </button>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={rapid} onChange={(event) => onRapid(event.target.checked)} />
        Rapid mode: after each save, clear the form and get ready to scan the next badge
      </label>
    </>
  );
}
