import type { CreateIdFieldProps, CrmFieldsProps } from './props';
import { ServerAndKeyFields } from './ServerAndKeyFields';
import { StageMapField } from './StageMapField';
import { labelFields } from '../../../lib/crm/settings-form';
import { sourceLabels } from '../../../lib/lead/describe';
import { TextField } from '../../../components/TextField';
import { errorIn, LEVEL_LABELS, ValueMapFields } from './ValueMapFields';

/** Pipedrive: server and API token, the lead label each qualification level gets, and the person field for the lead id. */
export function PipedriveFields({ onCreateIdField, creatingIdField, ...props }: CrmFieldsProps<'pipedrive'> & CreateIdFieldProps) {
  const { values, errors, change } = props;
  return (
    <>
      <ServerAndKeyFields
        {...props}
        serverHint="https://api.pipedrive.com, or your company's https://<company>.pipedrive.com."
        keyLabel="API token"
        keyHint="Your personal API token (Settings → Personal preferences → API). Kept on this computer only."
      />
      <ValueMapFields
        legend="Lead label in Pipedrive"
        hint="Optional. The id of a lead label for each level (Leads inbox → labels; GET /v1/leadLabels lists them)."
        labels={LEVEL_LABELS}
        values={{ raw: values.labelRaw, lukewarm: values.labelLukewarm, hot: values.labelHot }}
        errorOf={(level) => errors[labelFields[level]]}
        onChange={({ raw, lukewarm, hot }) => change({ labelRaw: raw, labelLukewarm: lukewarm, labelHot: hot })}
      />
      <ValueMapFields
        legend="Marketing channel in Pipedrive"
        hint="The Source channel each source's leads get, named as in Pipedrive (Test connection checks the names). Blank: none."
        labels={sourceLabels}
        values={values.pipedriveChannels}
        errorOf={errorIn(errors, 'channelNames')}
        onChange={(pipedriveChannels) => change({ pipedriveChannels })}
      />
      <TextField
        label="Person field for the lead id"
        hint="Optional; recommended if some leads have no email. The API key of a person field of type Text (Settings → Data fields → Person). Each new person keeps there the id of the lead that created them, so a retry finds them instead of creating them twice."
        value={values.personIdField}
        error={errors.personIdField}
        onChange={(personIdField) => change({ personIdField })}
      />
      <TextField
        label="LinkedIn field key"
        hint="Optional. The API key of a person text field that gets the LinkedIn profile; persons are then also looked up by it before the rep saves."
        value={values.linkedinField}
        error={errors.linkedinField}
        onChange={(linkedinField) => change({ linkedinField })}
      />
      <p className="connection">
        Not in Pipedrive yet?{' '}
        <button type="button" onClick={onCreateIdField} disabled={creatingIdField}>
          {creatingIdField ? 'Creating…' : 'Create it in Pipedrive'}
        </button>{' '}
        <span className="field__hint">Adds a Text person field, &ldquo;Fieldclip lead id&rdquo;. Needs a user who may add fields.</span>
      </p>
      <TextField
        label="Notes field key"
        hint="Optional. The API key of a person field of type Large text that gets the source's detail, the event's qualifying answers, the badge id and the rep's notes."
        value={values.notesField}
        error={errors.notesField}
        onChange={(notesField) => change({ notesField })}
      />
      <StageMapField crm="pipedrive" what="a deal stage's name" {...props} />
    </>
  );
}
