import type { CrmForm } from '../form-values';
import type { HubspotSettings } from './settings';

export const hubspotForm: CrmForm<HubspotSettings> = {
  input(values, saved) {
    return {
      settings: {
        crm: 'hubspot',
        accessToken: values.accessToken.trim() || saved?.accessToken,
        ...(values.leadSourceProperty.trim() ? { leadSourceProperty: values.leadSourceProperty.trim() } : {}),
        ...(values.leadIdProperty.trim() ? { leadIdProperty: values.leadIdProperty.trim() } : {}),
        ...(values.companyKeyProperty.trim() ? { companyKeyProperty: values.companyKeyProperty.trim() } : {}),
        ...(values.linkedinProperty.trim() ? { linkedinProperty: values.linkedinProperty.trim() } : {}),
        ...(values.opportunityField.trim() ? { opportunityProperty: values.opportunityField.trim() } : {}),
        createDeals: values.createDeals,
        dealPipeline: values.dealPipeline.trim() || undefined,
        dealStage: values.dealStage.trim() || undefined,
        sourceValues: values.hubspotSources,
        leadStatusValues: { raw: values.statusRaw, lukewarm: values.statusLukewarm, hot: values.statusHot },
      },
    };
  },
};
