/**
 * The id of a new record on this phone: a version-4 UUID from `crypto.getRandomValues`, which works in
 * every context. Not `crypto.randomUUID`: it is missing where the page is not a secure context (plain
 * http from a kelurahan office PC), and saving hung there on "Menyimpan…".
 */
import { UUID_BYTES, uuidV4FromBytes } from '../shared/uuid';

export function newRecordId(): string {
  return uuidV4FromBytes(crypto.getRandomValues(new Uint8Array(UUID_BYTES)));
}
