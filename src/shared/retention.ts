/**
 * How long a volunteer's phone keeps a person's full record after the registry accepted it: the office
 * sets it (a registry setting, sent to phones with every pull as `retentionDays`). The rule it serves:
 * after it — and as soon as the office verifies the record — the phone keeps only what its list needs
 * (name, kelurahan, status, the NIK's last four digits): src/client/db/retention.ts.
 */
export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 365;

export function isRetentionDays(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_RETENTION_DAYS &&
    value <= MAX_RETENTION_DAYS
  );
}
