import { useId } from 'react';
import { TextField } from '../../../components/TextField';
import type { Question } from '../../../lib/events';

type Props = {
  /** The running event's questions, and any a stored lead was asked that it no longer asks. */
  questions: readonly Question[];
  answers: Record<string, string[]>;
  error?: string;
  onChange: (answers: Record<string, string[]>) => void;
};

/** One qualifying question as the rep answers it: a text field, a choice, several, or 1 to 5. */
function QuestionField({ question, chosen, onChange }: { question: Question; chosen: string[]; onChange: (parts: string[]) => void }) {
  const name = useId();
  if (question.kind === 'text') return <TextField label={question.text} value={chosen[0] ?? ''} onChange={(value) => onChange([value])} />;
  const options = question.kind === 'rating' ? ['1', '2', '3', '4', '5'] : question.options;
  const many = question.kind === 'choices';
  return (
    <fieldset className={`question question--${question.kind}`}>
      <legend>{question.text}</legend>
      <div className="question__options">
        {options.map((option) => (
          <label key={option} className="check">
            <input
              type={many ? 'checkbox' : 'radio'}
              name={name}
              checked={chosen.includes(option)}
              onChange={(event) => onChange(many ? (event.target.checked ? [...chosen, option] : chosen.filter((other) => other !== option)) : [option])}
            />
            {option}
          </label>
        ))}
        {!many && chosen.length > 0 && (
          <button type="button" className="link" onClick={() => onChange([])}>
            Clear
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The event's qualifying questions, after the source: every answer optional. */
export function EventAnswers({ questions, answers, error, onChange }: Props) {
  // A multiple choice comes back from the outbox as one "A, B" answer.
  const chosenFor = (question: Question) => (answers[question.text] ?? []).flatMap((part) => (question.kind === 'choices' ? part.split(', ') : [part]));
  const update = (question: Question, parts: string[]) => {
    const next = { ...answers, [question.text]: parts };
    // Kept in the order the questions are asked, whatever order they were answered in.
    onChange(Object.fromEntries([...questions.map((asked) => asked.text), ...Object.keys(next)].filter((text, i, all) => all.indexOf(text) === i).map((text) => [text, next[text] ?? []])));
  };
  return (
    <section className="questions" aria-label="Qualifying questions">
      <h3>Qualifying questions</h3>
      {questions.map((question) => (
        <QuestionField key={question.text} question={question} chosen={chosenFor(question)} onChange={(parts) => update(question, parts)} />
      ))}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
