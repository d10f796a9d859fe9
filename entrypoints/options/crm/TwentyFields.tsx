import { sourceLabels } from '../../../lib/lead/describe';
import type { CrmFieldsProps } from './props';
import { ServerAndKeyFields } from './ServerAndKeyFields';
import { StageMapField } from './StageMapField';
import { TextField } from '../../../components/TextField';
import { errorIn, LEVEL_LABELS, ValueMapFields } from './ValueMapFields';

/** Twenty: server and API key; and, as Twenty has no lead source or status of its own, custom People fields for them. */
export function TwentyFields(props: CrmFieldsProps<'twenty'>) {
  const { values, errors, change } = props;
  return (
    <>
      <ServerAndKeyFields
        {...props}
        serverHint="https://api.twenty.com for Twenty's cloud, or your own server's address."
        keyLabel="API key"
        keyHint="From Settings → APIs & Webhooks in Twenty. Kept on this computer only."
      />
      <TextField
        label="Lead source field"
        placeholder="leadSource"
        hint="Optional. The API name of a People field (select or text) for the lead's source (Settings → Data model → People)."
        value={values.twentySourceField}
        error={errors.sourceField}
        onChange={(twentySourceField) => change({ twentySourceField })}
      />
      {values.twentySourceField.trim() && (
        <ValueMapFields
          legend="Lead source in Twenty"
          hint="The value for each source; for a select field, its options' API values. Blank: not sent."
          labels={sourceLabels}
          values={values.twentySources}
          errorOf={errorIn(errors, 'sourceValues')}
          onChange={(twentySources) => change({ twentySources })}
        />
      )}
      <TextField
        label="Qualification field"
        placeholder="leadTemperature"
        hint="Optional. The API name of a People field (select or text) for the qualification level."
        value={values.twentyQualificationField}
        error={errors.qualificationField}
        onChange={(twentyQualificationField) => change({ twentyQualificationField })}
      />
      {values.twentyQualificationField.trim() && (
        <ValueMapFields
          legend="Qualification in Twenty"
          hint="The value for each level. Blank: not sent."
          labels={LEVEL_LABELS}
          values={values.twentyLevels}
          errorOf={errorIn(errors, 'qualificationValues')}
          onChange={(twentyLevels) => change({ twentyLevels })}
        />
      )}
      <TextField
        label="Notes field"
        placeholder="fieldclipNotes"
        hint="Optional. The API name of a People text field that gets the source's detail, the event's qualifying answers, the badge id and the rep's notes."
        value={values.notesField}
        error={errors.notesField}
        onChange={(notesField) => change({ notesField })}
      />
      <StageMapField crm="twenty" what="an opportunity stage (its value, like MEETING)" {...props} />
    </>
  );
}
