import type { CrmFieldsProps } from './props';
import { SecretField } from '../../../components/SecretField';
import { sameOrigin, secretLeftBehind } from '../../../lib/crm/endpoint';
import { DEFAULT_SERVERS } from '../../../lib/crm/settings-form';
import { TextField } from '../../../components/TextField';

type Props = CrmFieldsProps<'pipedrive' | 'twenty'> & { serverHint: string; keyLabel: string; keyHint: string };

/** For CRMs that need only a server address and a key: Pipedrive, Twenty. */
export function ServerAndKeyFields({ values, errors, change, saved, serverHint, keyLabel, keyHint }: Props) {
  const field = values.crm === 'twenty' ? 'apiKey' : 'apiToken';
  const savedKey = saved?.crm === 'twenty' ? saved.apiKey : saved?.apiToken;
  // A key saved for another server is not sent to this one.
  const server = values.baseUrl.trim() || DEFAULT_SERVERS[values.crm] || '';
  const moved = saved && savedKey && !sameOrigin(saved.baseUrl, server) ? secretLeftBehind(saved.baseUrl) : undefined;
  return (
    <>
      <TextField label="Server" type="url" hint={serverHint} value={values.baseUrl} error={errors.baseUrl} onChange={(baseUrl) => change({ baseUrl })} />
      <SecretField label={keyLabel} saved={moved ? undefined : savedKey} hint={moved ?? keyHint} value={values[field]} error={errors[field]} onChange={(key) => change({ [field]: key })} />
    </>
  );
}
