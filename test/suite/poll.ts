// Shared by the extension-host suites (not a test file: index.ts loads only *.test.js).

/** Polls until `probe` gives a value (the editor and its worker answer when they are ready). */
export async function retry<T>(what: string, probe: () => Thenable<T | undefined> | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
