import type { CrmFieldsProps } from './props';
import { SecretField } from '../../../components/SecretField';
import { TextField } from '../../../components/TextField';

type Props = CrmFieldsProps<'pipedrive' | 'twenty'> & { serverHint: string; keyLabel: string; keyHint: string };

/** For CRMs that need only a server address and a key: Pipedrive, Twenty. */
export function ServerAndKeyFields({ values, errors, change, saved, serverHint, keyLabel, keyHint }: Props) {
  const field = values.crm === 'twenty' ? 'apiKey' : 'apiToken';
  const savedKey = saved?.crm === 'twenty' ? saved.apiKey : saved?.apiToken;
  return (
    <>
      <TextField label="Server" type="url" hint={serverHint} value={values.baseUrl} error={errors.baseUrl} onChange={(baseUrl) => change({ baseUrl })} />
      <SecretField label={keyLabel} saved={savedKey} hint={keyHint} value={values[field]} error={errors[field]} onChange={(key) => change({ [field]: key })} />
    </>
  );
}
