/**
 * Flow labels for legends: when every flow shares its protocol and both addresses (an iperf run between two hosts),
 * the ports are what tells flows apart, so each is labelled ":41002 → :5201" and the shared part is said once.
 */
export function portLabels(labels: readonly string[]): { labels: string[]; shared?: string } {
  const parsed = labels.map((l) => /^(\S+) (.+):(\d+) → (.+):(\d+)$/.exec(l));
  if (labels.length < 2 || parsed.some((m) => !m)) return { labels: [...labels] };
  const [first] = parsed as RegExpExecArray[];
  const same = (parsed as RegExpExecArray[]).every((m) => m[1] === first[1] && m[2] === first[2] && m[4] === first[4]);
  if (!same) return { labels: [...labels] };
  return { labels: (parsed as RegExpExecArray[]).map((m) => `:${m[3]} → :${m[5]}`), shared: `${first[1]} ${first[2]} → ${first[4]}` };
}
