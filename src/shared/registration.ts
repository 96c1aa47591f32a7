/**
 * The registration record: one zod (mini) schema used at every boundary — the form, the IndexedDB row,
 * the HTTP body on the server. Types are inferred from it. Error messages are issue codes (see
 * issues.ts), never prose: the edge (form, route) turns them into Indonesian or English.
 */
import * as z from 'zod/mini';
import { HEIR_RELATIONSHIP_CODES, OCCUPATION_CODES } from './occupations';
import { hasVisibleCharacter, isPlainText, type TextKind } from './plain-text';
import { KtpPhotoSchema } from './photo';
import { PROGRAMMES } from './premium';

/**
 * The highest record version: PostgreSQL's `integer` (int4) holds the registry's version column. The
 * same bound on SQLite (which would take 2^53 − 1), so a record either engine accepts can be edited on both.
 */
export const MAX_RECORD_VERSION = 2_147_483_647;
/** Metres. No fix is less accurate than half the Earth's circumference, so no real reading is refused. */
export const MAX_LOCATION_ACCURACY_M = 20_000_000;

const plainText = (kind: TextKind = {}) =>
  z.refine<string>((s) => isPlainText(s, kind), { error: 'text_invalid' });
const visible = z.refine<string>(hasVisibleCharacter, { error: 'required' });

/** Checks run in order and the first issue per field is shown: a forbidden character before `required`. */
const requiredText = (max: number) =>
  z
    .string({ error: 'required' })
    .check(
      z.trim(),
      z.minLength(1, { error: 'required' }),
      z.maxLength(max, { error: 'too_long' }),
      plainText(),
      visible,
    );
const optionalText = (max: number, kind: TextKind = {}) =>
  z.optional(z.string().check(z.trim(), z.maxLength(max, { error: 'too_long' }), plainText(kind)));
const phone = z.string().check(z.regex(/^\+62\d{8,12}$/, { error: 'phone_invalid' }));
const rtRw = z.string({ error: 'required' }).check(z.regex(/^(?!000)\d{3}$/, { error: 'rt_rw_invalid' }));
// The format allows any number of second fractions; 40 characters is far above what any clock writes.
const isoDateTime = z.iso
  .datetime({ error: 'datetime_invalid' })
  .check(z.maxLength(40, { error: 'datetime_invalid' }));

/** The phone's UUID for a record: the registry looks up no other kind of id. */
export const RecordIdSchema = z.uuid({ error: 'id_invalid' });
export const isRecordId = (value: unknown): value is string => RecordIdSchema.safeParse(value).success;

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
  version: requiredText(40),
  agreed: z.literal(true, { error: 'consent_required' }),
  agreedAt: isoDateTime,
});

export const LocationSchema = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
  accuracyM: z.number().check(z.gte(0), z.lte(MAX_LOCATION_ACCURACY_M)),
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
  notes: optionalText(500, { multiline: true }),
});

/** A saved registration: the fields plus identity and versioning. Same shape on phone and server. */
export const RegistrationSchema = z.extend(RegistrationFieldsSchema, {
  /** UUID made on the phone; with `version` it is the idempotency key of a sync push. */
  id: RecordIdSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** 1 on first save, +1 on every edit. The server keeps the highest version it has seen. */
  version: z
    .int({ error: 'version_invalid' })
    .check(z.gte(1, { error: 'version_invalid' }), z.lte(MAX_RECORD_VERSION, { error: 'version_invalid' })),
  /** The KTP photo of this version, by hash; its bytes are uploaded on their own (shared/photo.ts). */
  ktpPhoto: z.optional(KtpPhotoSchema),
});

export type RegistrationFields = z.infer<typeof RegistrationFieldsSchema>;
export type Registration = z.infer<typeof RegistrationSchema>;
export type Funding = RegistrationFields['funding'];
