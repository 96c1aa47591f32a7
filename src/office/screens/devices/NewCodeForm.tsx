/**
 * A new enrollment code for a named volunteer's phone in one kelurahan, valid 1–30 days (7 by
 * default). An operator can choose only their own kelurahan (the registry refuses others anyway).
 */
import { useState } from 'preact/hooks';
import { findKelurahan } from '../../../shared/reference';
import { KelurahanOptions } from '../../kelurahan-choices';
import { post } from '../../api';
import { useLang } from '../../i18n';
import { useApiCall, useSession } from '../../session';

export interface CreatedCode {
  deviceId: string;
  code: string;
  name: string;
  kelurahanKode: string | null;
  expiresAt: string;
}

const W = {
  id: {
    title: 'Kode pendaftaran baru',
    name: 'Nama relawan / HP',
    namePlaceholder: 'mis. HP Bu Siti',
    kelurahan: 'Kelurahan',
    choose: 'Pilih kelurahan',
    days: 'Berlaku (hari)',
    create: 'Buat kode',
    busy: 'Membuat…',
  },
  en: {
    title: 'New enrollment code',
    name: 'Volunteer / phone name',
    namePlaceholder: 'e.g. HP Bu Siti',
    kelurahan: 'Kelurahan',
    choose: 'Choose a kelurahan',
    days: 'Valid for (days)',
    create: 'Create code',
    busy: 'Creating…',
  },
};

export function NewCodeForm(props: { onCreated(code: CreatedCode): void }) {
  const { lang } = useLang();
  const w = W[lang];
  const { me } = useSession();
  const call = useApiCall();
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  // An operator's list is their scope (the registry enforces it too); one kelurahan needs no choice.
  const only = me.kelurahan?.length === 1 ? me.kelurahan[0] : undefined;

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const body = {
      name: String(form.get('name') ?? '').trim(),
      kelurahanKode: only ?? String(form.get('kelurahan') ?? ''),
      days: Number(form.get('days')),
    };
    setBusy(true);
    const result = await call(() => post<CreatedCode>('/admin/enrollment-codes', body));
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setError(undefined);
    formElement.reset();
    props.onCreated(result.value);
  }

  return (
    <form class="k-form k-inline" onSubmit={(e) => void submit(e)} aria-labelledby="new-code-title">
      <h2 id="new-code-title">{w.title}</h2>
      <label>
        {w.name}
        <input name="name" required maxLength={100} autocomplete="off" placeholder={w.namePlaceholder} />
      </label>
      <label>
        {w.kelurahan}
        {only ? (
          <input value={findKelurahan(only)?.nama ?? only} readOnly />
        ) : (
          <select name="kelurahan" required>
            <option value="">{w.choose}</option>
            <KelurahanOptions scope={me.kelurahan} />
          </select>
        )}
      </label>
      <label>
        {w.days}
        <input name="days" type="number" min={1} max={30} step={1} defaultValue="7" required class="k-days" />
      </label>
      <button type="submit" class="k-primary" disabled={isBusy}>
        {isBusy ? w.busy : w.create}
      </button>
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
