import { ChiSquareResult, TxQueuesCheck } from './realKernel';

const f2 = (x: number): string => x.toFixed(2);
const pv = (x: number): string => (x < 1e-4 ? x.toExponential(1) : x.toFixed(3));
const chi = (c: ChiSquareResult): string => `${f2(c.statistic)} (${c.df}), p = ${pv(c.pValue)}`;

/** The observed-vs-expected table for the README. */
export function realKernelMarkdown(check: TxQueuesCheck, source = 'txqueues.csv'): string {
  const lines: string[] = [];
  const flows = check.rows[0]?.flows ?? 0;
  lines.push('## Real-kernel check: `linux-tx` vs Linux 6.18 veth tx queues', '');
  lines.push(
    `Source: \`${source}\` — which tx queue a Linux 6.18 kernel used for each of ${flows} iperf3 streams over a veth ` +
      'with N tx queues (XPS off, fresh veth per trial). Model `linux-tx`: every socket gets a uniform random hash, ' +
      '`reciprocal_scale` maps it to a queue, so each stream is independently uniform over the N queues (the exact ' +
      '`reciprocal_scale` weights differ from 1/N by < 1e-9). ' +
      'Expected values are exact (DP), not simulated.',
    '',
  );
  lines.push('| N | trials | balanced obs / exp | mean max load obs / exp | max load: obs (exp) | queues used obs / exp | per-queue X² (df), p |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const r of check.rows) {
    const hist = r.maxLoad
      .filter((e) => e.observed > 0 || e.expected >= 0.05)
      .map((e) => `${e.load}: ${e.observed} (${e.expected.toFixed(1)})`)
      .join(', ');
    lines.push(
      `| ${r.n} | ${r.trials} | ${r.observedBalanced} / ${r.expectedBalanced.toFixed(2)} | ${f2(r.observedMeanMax)} / ${f2(r.expectedMeanMax)} | ${hist} | ` +
        `${f2(r.observedMeanOccupied)} / ${f2(r.expectedMeanOccupied)} | ${chi(r.marginal)} |`,
    );
  }
  lines.push('', '| occupancy test (all N) | cells: obs (exp) | X² (df), p |', '|---|---|---|');
  for (const t of check.occupancy) {
    lines.push(`| ${t.name} | ${t.cells.map((c) => `${c.label}: ${c.observed} (${c.expected.toFixed(1)})`).join('; ')} | ${chi(t)} |`);
  }
  const pct = `${check.alpha * 100}%`;
  lines.push('', `Per-queue X² summed over N: ${chi(check.marginal)}.`, '');
  lines.push(check.rejected ? `**The model is rejected at ${pct}.**` : `No test rejects the \`linux-tx\` model at ${pct}.`);
  lines.push(
    '',
    'Occupancy tests: with 10 trials per N a per-N test would have a single cell, so each trial\'s occupancy ' +
      '(its sorted queue loads, whose exact multinomial probability we know) is reduced to a feature that means the ' +
      'same at every N, categories are pooled until each expects ≥ 5 trials, and the counts summed over N are tested ' +
      'with Pearson\'s statistic generalised to groups with different cell probabilities, (O−E)ᵀV⁻¹(O−E). ' +
      'Per-queue test: streams on each queue index against an even share, Pearson per N, summed. ' +
      'p-values from our own regularised incomplete gamma.',
    '',
  );
  return lines.join('\n');
}
