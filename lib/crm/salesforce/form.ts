import type { CrmForm } from '../form-values';
import type { SalesforceSettings } from './settings';

export const salesforceForm: CrmForm<SalesforceSettings> = {
  input(values, saved) {
    const sameOrg = saved?.loginUrl === values.baseUrl.trim() && saved?.clientId === values.clientId.trim();
    return {
      settings: {
        crm: 'salesforce',
        loginUrl: values.baseUrl.trim() || undefined,
        clientId: values.clientId,
        externalIdField: values.externalIdField.trim(),
        ...(values.linkedinField.trim() ? { linkedinField: values.linkedinField.trim() } : {}),
        ...(values.opportunityField.trim() ? { opportunityField: values.opportunityField.trim() } : {}),
        ...(values.orgCurrency.trim() ? { orgCurrency: values.orgCurrency.trim().toUpperCase() } : {}),
        leadSourceValues: values.salesforceSources,
        statusValues: values.salesforceStatuses,
        // The sign-in stays valid while the org and the connected app stay the same.
        ...(sameOrg && saved?.refreshToken ? { instanceUrl: saved.instanceUrl, refreshToken: saved.refreshToken } : {}),
      },
    };
  },
};
