/**
 * What a registration receipt (bukti pendaftaran) may show of a person, and the short code that names
 * the record on it. The receipt is handed to the worker and may be photographed or shared: it shows no
 * more than the name, the kelurahan and a NIK reduced to its first and last four digits.
 */

/** "3573015708750001" → "3573 •••• •••• 0001"; anything but 16 digits shows as dots only. */
export function maskNik(nik: string): string {
  if (!/^\d{16}$/.test(nik)) return '•••• •••• •••• ••••';
  return `${nik.slice(0, 4)} •••• •••• ${nik.slice(12)}`;
}

/** What a phone that kept only the NIK's last four digits can show: "•••• •••• •••• 0001". */
export function maskNikLast4(last4: string): string {
  return `•••• •••• •••• ${/^\d{4}$/.test(last4) ? last4 : '••••'}`;
}

/**
 * The record's short code: the first eight hex digits of its id, "8F3A-21C0". Ids are random UUIDs,
 * so two records of a city share a code rarely (about one pair in 12 among 26,400), and the office
 * finds both by it; the QR code on the receipt carries the same text.
 */
export function receiptCode(recordId: string): string {
  const hex = recordId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}`;
}

/** "8f3a-21c0" or "8F3A21C0" as typed into a search box: the id prefix it stands for, else undefined. */
export function idPrefixOfReceiptCode(text: string): string | undefined {
  const match = /^([0-9a-f]{4})-?([0-9a-f]{4})$/i.exec(text.trim());
  return match ? `${match[1]}${match[2]}`.toLowerCase() : undefined;
}
