/**
 * Retries an assertion until it passes, for a page that updates after a fetch: the last failure is reported
 * when it never does. The limit is generous; it bounds a hang, it does not measure speed.
 */
export async function eventually(assertion: () => Promise<void>, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
