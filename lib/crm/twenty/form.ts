import { secretFor } from '../endpoint';
import type { CrmForm } from '../form-values';
import { TWENTY_SERVER, type TwentySettings } from './settings';

export const twentyForm: CrmForm<TwentySettings> = {
  input(values, saved) {
    return {
      settings: {
        crm: 'twenty',
        baseUrl: values.baseUrl.trim() || undefined,
        apiKey: values.apiKey.trim() || secretFor(saved?.apiKey, saved?.baseUrl, values.baseUrl.trim() || TWENTY_SERVER),
        ...(values.twentySourceField.trim() ? { sourceField: values.twentySourceField.trim() } : {}),
        sourceValues: values.twentySources,
        ...(values.twentyQualificationField.trim() ? { qualificationField: values.twentyQualificationField.trim() } : {}),
        ...(values.notesField.trim() ? { notesField: values.notesField.trim() } : {}),
        qualificationValues: values.twentyLevels,
      },
    };
  },
};
