/**
 * Kelurahan picker: a search box (tolerant of spelling variants through the shared searchKelurahan)
 * over buttons grouped by kecamatan. Once one is chosen it collapses to its name and a "change" button.
 */
import { useState } from 'preact/hooks';
import {
  findKelurahan,
  KECAMATAN,
  kecamatanOfKelurahan,
  searchKelurahan,
  type Kelurahan,
} from '../../shared/reference';
import { useI18n } from '../i18n';
import { controlId, FieldMessages } from './fields';
import { useForm, useFormValue } from './form-state';

function groupByKecamatan(list: Kelurahan[]) {
  return KECAMATAN.map((kecamatan) => ({
    kecamatan,
    kelurahan: list.filter((k) => k.kecamatanKode === kecamatan.kode),
  })).filter((group) => group.kelurahan.length > 0);
}

export function KelurahanPicker() {
  const form = useForm();
  const kelurahanKode = useFormValue('kelurahanKode');
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [isOpen, setOpen] = useState(false);
  const chosen = findKelurahan(kelurahanKode);
  const choose = (kode: string) => {
    form.setField('kelurahanKode', kode);
    form.touch('kelurahanKode');
    setOpen(false);
    setQuery('');
  };

  if (chosen && !isOpen) {
    return (
      <div class="field">
        <span class="label" id={controlId('kelurahanKode')}>
          {t('form.kelurahan')}
        </span>
        <div class="chosen">
          <strong>{chosen.nama}</strong>
          <span>{t('form.kecamatan', { name: kecamatanOfKelurahan(chosen.kode)?.nama ?? '' })}</span>
          <button type="button" class="button secondary small" onClick={() => setOpen(true)}>
            {t('form.kelurahanChange')}
          </button>
        </div>
        <FieldMessages name="kelurahanKode" />
      </div>
    );
  }

  const groups = groupByKecamatan(searchKelurahan(query));
  return (
    <div class="field">
      <label for="kelurahan-search">{t('form.kelurahan')}</label>
      <input
        id="kelurahan-search"
        type="search"
        placeholder={t('form.kelurahanSearch')}
        value={query}
        autoComplete="off"
        enterKeyHint="next"
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter with one kelurahan left picks it; otherwise the form moves on (enter-moves-on.ts).
          const [only, ...more] = groups.flatMap((g) => g.kelurahan);
          if (e.key !== 'Enter' || !only || more.length > 0) return;
          e.preventDefault();
          e.stopPropagation();
          choose(only.kode);
        }}
        onBlur={() => form.touch('kelurahanKode')}
      />
      <div class="kelurahan-list" id={controlId('kelurahanKode')}>
        {groups.length === 0 && <p class="hint">{t('form.kelurahanNone')}</p>}
        {groups.map(({ kecamatan, kelurahan }) => (
          <div key={kecamatan.kode} role="group" aria-label={t('form.kecamatan', { name: kecamatan.nama })}>
            <p class="group-title">{t('form.kecamatan', { name: kecamatan.nama })}</p>
            <div class="kelurahan-options">
              {kelurahan.map((k) => (
                <button
                  type="button"
                  key={k.kode}
                  class="option"
                  aria-pressed={k.kode === kelurahanKode}
                  onClick={() => choose(k.kode)}
                >
                  {k.nama}
                </button>
              ))}
            </div>
          </div>
        ))}
      </div>
      <FieldMessages name="kelurahanKode" />
    </div>
  );
}
