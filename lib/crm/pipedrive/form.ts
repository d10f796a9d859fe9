import { secretFor } from '../endpoint';
import type { CrmForm } from '../form-values';
import { PIPEDRIVE_SERVER, type PipedriveSettings } from './settings';

export const pipedriveForm: CrmForm<PipedriveSettings> = {
  input(values, saved) {
    const label = (id: string) => id.trim() || undefined;
    return {
      settings: {
        crm: 'pipedrive',
        baseUrl: values.baseUrl.trim() || undefined,
        apiToken: values.apiToken.trim() || secretFor(saved?.apiToken, saved?.baseUrl, values.baseUrl.trim() || PIPEDRIVE_SERVER),
        labelIds: { raw: label(values.labelRaw), lukewarm: label(values.labelLukewarm), hot: label(values.labelHot) },
        ...(values.personIdField.trim() ? { personIdField: values.personIdField.trim() } : {}),
        ...(values.linkedinField.trim() ? { linkedinField: values.linkedinField.trim() } : {}),
        ...(values.notesField.trim() ? { notesField: values.notesField.trim() } : {}),
        channelNames: values.pipedriveChannels,
      },
    };
  },
};
