/** Flag parsing for the admin CLI: `--name value`, repeatable flags, and a usage error type. */
export class UsageError extends Error {}

export function flags(args: string[], name: string): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    if (arg !== `--${name}`) return;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    values.push(value);
  });
  return values;
}

export function flag(args: string[], name: string): string | undefined {
  const all = flags(args, name);
  if (all.length > 1) throw new UsageError(`--${name} given more than once`);
  return all[0];
}

export function requiredFlag(args: string[], name: string): string {
  const value = flag(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

export function wholeNumber(text: string | undefined, what: string, min: number, max: number): number {
  const n = Number(text);
  // Digits only: Number() would also take " 7", "0x7" and "7e0".
  if (!text || !/^\d{1,10}$/.test(text) || n < min || n > max)
    throw new UsageError(`${what} must be a whole number ${min}–${max}`);
  return n;
}
