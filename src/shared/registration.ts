/**
 * The registration record: one zod (mini) schema used at every boundary — the form, the IndexedDB row,
 * the HTTP body on the server. Types are inferred from it. Error messages are issue codes (see
 * issues.ts), never prose: the edge (form, route) turns them into Indonesian or English.
 */
import * as z from 'zod/mini';
import { HEIR_RELATIONSHIP_CODES, OCCUPATION_CODES } from './occupations';
import { PROGRAMMES } from './premium';

const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .check(z.trim(), z.minLength(1, { error: 'required' }), z.maxLength(max, { error: 'too_long' }));
const optionalText = (max: number) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max, { error: 'too_long' })));
const phone = z.string().check(z.regex(/^\+62\d{8,12}$/, { error: 'phone_invalid' }));
const rtRw = z.string({ error: 'required' }).check(z.regex(/^(?!000)\d{3}$/, { error: 'rt_rw_invalid' }));
const isoDateTime = z.iso.datetime({ error: 'datetime_invalid' });

export const GENDERS = ['L', 'P'] as const;
export const FUNDINGS = ['APBD', 'MANDIRI'] as const;

export const AddressSchema = z.object({
  street: requiredText(200),
  rt: rtRw,
  rw: rtRw,
  kelurahanKode: z.string({ error: 'required' }).check(z.regex(/^\d{10}$/, { error: 'kelurahan_unknown' })),
});

export const HeirSchema = z.object({
  name: requiredText(100),
  relationship: z.enum(HEIR_RELATIONSHIP_CODES, { error: 'required' }),
  phone: z.optional(phone),
});

export const ConsentSchema = z.object({
  version: z.string().check(z.minLength(1)),
  agreed: z.literal(true, { error: 'consent_required' }),
  agreedAt: isoDateTime,
});

export const LocationSchema = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  accuracyM: z.number().check(z.gte(0)),
});

/** What the volunteer types for one person. */
export const RegistrationFieldsSchema = z.object({
  nik: z.string({ error: 'nik_required' }).check(z.regex(/^\d{16}$/, { error: 'nik_length' })),
  fullName: requiredText(100),
  birthPlace: requiredText(60),
  birthDate: z.iso.date({ error: 'date_invalid' }),
  gender: z.enum(GENDERS, { error: 'required' }),
  address: AddressSchema,
  phone: z.optional(phone),
  occupation: z.enum(OCCUPATION_CODES, { error: 'required' }),
  occupationOther: optionalText(60),
  monthlyIncome: z.int({ error: 'income_bracket_invalid' }),
  programme: z.enum(PROGRAMMES, { error: 'required' }),
  funding: z.enum(FUNDINGS, { error: 'required' }),
  heir: HeirSchema,
  consent: ConsentSchema,
  location: z.optional(LocationSchema),
  notes: optionalText(500),
});

/** A saved registration: the fields plus identity and versioning. Same shape on phone and server. */
export const RegistrationSchema = z.extend(RegistrationFieldsSchema, {
  /** UUID made on the phone; with `version` it is the idempotency key of a sync push. */
  id: z.uuid({ error: 'id_invalid' }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** 1 on first save, +1 on every edit. The server keeps the highest version it has seen. */
  version: z.int().check(z.gte(1, { error: 'version_invalid' })),
});

export type RegistrationFields = z.infer<typeof RegistrationFieldsSchema>;
export type Registration = z.infer<typeof RegistrationSchema>;
export type Funding = RegistrationFields['funding'];
