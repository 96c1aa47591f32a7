/** Polls until `check` passes (a process needs a few seconds to start on 2 busy cores); throws its last error. */
export async function eventually<T>(check: () => Promise<T>, what: string, tries = 240): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  throw new Error(`${what}: ${String(lastError)}`);
}
