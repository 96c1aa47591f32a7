/**
 * Target (city admin): the estimated number of pekerja rentan and the target percentage per kelurahan.
 * Until someone has counted, the estimates are placeholders (see the registry README); each change
 * is audited and moves the overview at once. Below: how long phones keep full records.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import { useLang } from '../i18n';
import { useApiCall } from '../session';
import type { PlaceFigures } from './CoverageTables';
import { PhotoRequirementSetting } from './PhotoRequirementSetting';
import { RetentionSetting } from './RetentionSetting';

const W = {
  id: {
    title: 'Target cakupan',
    intro:
      'Perkiraan jumlah pekerja rentan dan target persen per kelurahan. Perubahan tercatat di log audit.',
    kelurahan: 'Kelurahan',
    estimate: 'Perkiraan pekerja rentan',
    target: 'Target (%)',
    registered: 'Terdaftar',
    save: 'Simpan',
    saved: 'Target {name} disimpan.',
    edit: 'Ubah target {name}',
  },
  en: {
    title: 'Coverage targets',
    intro: 'Estimated vulnerable workers and the target percentage per kelurahan. Changes are audited.',
    kelurahan: 'Kelurahan',
    estimate: 'Estimated vulnerable workers',
    target: 'Target (%)',
    registered: 'Registered',
    save: 'Save',
    saved: 'Target for {name} saved.',
    edit: 'Change the target of {name}',
  },
};

const fill = (t: string, name: string) => t.replace('{name}', name);

function TargetRow(props: { place: PlaceFigures; onSaved(name: string): void; onError(m: string): void }) {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const { place } = props;
  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      estimatedWorkers: Number(form.get('estimate')),
      targetPercent: Number(form.get('target')),
    };
    const r = await call(() => put(`/admin/coverage/targets/${place.kode}`, body));
    if (r.ok) props.onSaved(place.nama);
    else props.onError(r.message);
  }
  return (
    <tr>
      <th scope="row">{place.nama}</th>
      <td class="k-num">{place.registered.toLocaleString('id-ID')}</td>
      <td colSpan={3}>
        <form class="k-row-form" aria-label={fill(w.edit, place.nama)} onSubmit={(e) => void submit(e)}>
          <label>
            <span class="k-sr">{w.estimate}</span>
            <input
              name="estimate"
              type="number"
              min={0}
              max={10_000_000}
              required
              value={place.estimatedWorkers}
            />
          </label>
          <label>
            <span class="k-sr">{w.target}</span>
            <input name="target" type="number" min={1} max={100} required value={place.targetPercent ?? 40} />
          </label>
          <button type="submit">{w.save}</button>
        </form>
      </td>
    </tr>
  );
}

export function TargetsScreen() {
  const { lang } = useLang();
  const w = W[lang];
  const call = useApiCall();
  const [places, setPlaces] = useState<PlaceFigures[]>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  async function load(): Promise<void> {
    const r = await call(() => get<{ kelurahan: PlaceFigures[] }>('/admin/coverage'));
    if (r.ok) setPlaces([...r.value.kelurahan].sort((a, b) => a.nama.localeCompare(b.nama, 'id')));
    else setMessage({ text: r.message, error: true });
  }
  useEffect(() => void load(), []);

  return (
    <section>
      <h1>{w.title}</h1>
      <p class="k-muted">{w.intro}</p>
      <p role="status" class={message?.error ? 'k-error' : message ? 'k-note' : 'k-sr'}>
        {message?.text ?? ''}
      </p>
      {places && (
        <table class="k-table">
          <thead>
            <tr>
              <th scope="col">{w.kelurahan}</th>
              <th scope="col" class="k-num">
                {w.registered}
              </th>
              <th scope="col">
                {w.estimate} · {w.target}
              </th>
            </tr>
          </thead>
          <tbody>
            {places.map((p) => (
              <TargetRow
                key={p.kode}
                place={p}
                onSaved={(name) => {
                  setMessage({ text: fill(w.saved, name) });
                  void load();
                }}
                onError={(text) => setMessage({ text, error: true })}
              />
            ))}
          </tbody>
        </table>
      )}
      <RetentionSetting />
      <PhotoRequirementSetting />
    </section>
  );
}
