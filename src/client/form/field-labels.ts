/** Each form field's label, for the summary that links to the fields needing a fix. */
import type { MessageKey } from '../i18n';
import type { FieldKey } from './form-values';

export const FIELD_LABELS: Record<FieldKey, MessageKey> = {
  nik: 'form.nik',
  fullName: 'form.fullName',
  birthPlace: 'form.birthPlace',
  birthDate: 'form.birthDate',
  gender: 'form.gender',
  street: 'form.street',
  rt: 'form.rt',
  rw: 'form.rw',
  kelurahanKode: 'form.kelurahan',
  phone: 'form.phone',
  occupation: 'form.occupation',
  occupationOther: 'form.occupationOther',
  monthlyIncome: 'form.income',
  programme: 'form.programme',
  funding: 'form.funding',
  heirName: 'form.heirName',
  heirRelationship: 'form.heirRelationship',
  heirPhone: 'form.heirPhone',
  consentAgreed: 'form.section.consent',
  location: 'form.section.extras',
  notes: 'form.notes',
};
