import { CliIo, processIo, quietOnClosedStdout, Subcommand, UsageError } from './io';
import { spreadCommand } from './spreadCommand';
import { runFlows } from './flowsCommand';
import { runHash } from './hashCommand';
import { runPlan } from './planCommand';
import { runIperf } from './iperfCommand';
import { sweepCommand } from './sweepCommand';
import { correlateCommand } from './correlateCommand';
import { countersCommand } from './countersCommand';
import { observedCommand } from './observedCommand';
import { compareCommand } from './compareCommand';
import { thresholdCommand } from './thresholdCommand';
import { exportCommand } from './exportCommand';
import { auditCommand } from './auditCommand';
import { configCommand } from './configCommand';
import { recordCommand } from './recordCommand';
import { errorMessage } from '../core/text';

// One line per subcommand; each lives in its own file.
const subcommands: Record<string, { run: Subcommand; summary: string }> = {
  spread: { run: spreadCommand, summary: 'k flows over A..B queues: P(balanced), E[max load], throughput (--flows K --queues A-B)' },
  flows: { run: runFlows, summary: 'flow table of pcap/pcapng captures (FILE... [--json] [--bin MS] [--max-flows N])' },
  hash: { run: runHash, summary: 'hash and queue of one flow under a preset (--preset P --src IP:PORT --dst IP:PORT [--queues N])' },
  plan: { run: runPlan, summary: 'client ports that spread K flows evenly over N queues, with iperf commands' },
  iperf: { run: runIperf, summary: 'streams, totals and [SUM] of an iperf 2 / iperf3 log (FILE [--json])' },
  sweep: { run: sweepCommand, summary: 'iperf runs at several queue counts vs the model: curve, band, spreads, dips (DIR [--preset P] [--model A|B] [--json])' },
  correlate: { run: correlateCommand, summary: 'match an iperf log\'s streams to a capture\'s flows by 4-tuple (CAPTURE LOG [--json])' },
  counters: { run: countersCommand, summary: 'measured per-queue counters: ethtool -S, tc -s qdisc/class, /proc/interrupts, qstats (AFTER [--before B] [--json])' },
  compare: { run: compareCommand, summary: 'two run sets, B against A, beyond hash luck: per queue count and per busy queue, verdict (A B [--json])' },
  threshold: { run: thresholdCommand, summary: 'how often a fair hash breaks a balance rule like LISA\'s (--streams K --queues N --max-spread 0.3 [--json])' },
  export: { run: exportCommand, summary: 'run sets as a Parquet dataset and a Zeek conn.log with Community IDs (RUNSET... --parquet OUT/ [--conn-log F])' },
  audit: { run: auditCommand, summary: 'a Parquet dataset\'s busy queues, hosts and dips against the model, as SQL on DuckDB (DATASET [--json])' },
  config: { run: configCommand, summary: 'how many queues the run really had and why, and which CPU served each (FILE|DIR... [--json])' },
  observed: { run: observedCommand, summary: 'which queue each stream used, from counters around a run (RUN [--log L] [--capture C] [--json])' },
  record: { run: recordCommand, summary: 'run COMMAND and record a run folder: trace of each flow\'s queue, counters, config (OUT --dev DEV -- COMMAND...)' },
};

function usage(): string {
  const lines = Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: queue-lens <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 1;
  }
  const cmd = subcommands[name];
  if (!cmd) {
    io.err(`queue-lens: unknown command '${name}'\n${usage()}`);
    return 1;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`queue-lens ${name}: ${e.message}\n`);
      return 1;
    }
    io.err(`queue-lens ${name}: ${errorMessage(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  quietOnClosedStdout();
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { processIo.err(`queue-lens: ${String(e)}\n`); process.exitCode = 2; },
  );
}
