/**
 * The target maths both Kantor's coverage and the phone's kelurahan figures use, so they always agree:
 * the people a target means (rounded up: 40% of 1,001 is 401, never 400.4 → 400) and how many more
 * reach it. Pure integers.
 */
export const DEFAULT_TARGET_PERCENT = 40;

/** The people `targetPercent` of `estimatedWorkers` makes, rounded up. */
export function targetPeopleOf(
  estimatedWorkers: number,
  targetPercent: number = DEFAULT_TARGET_PERCENT,
): number {
  return Math.ceil((estimatedWorkers * targetPercent) / 100);
}

/** How many more people reach the target; 0 once it is reached. */
export function peopleToTarget(registered: number, targetPeople: number): number {
  return Math.max(0, targetPeople - registered);
}
