// `queue-lens record OUT --dev DEV [--netns NS] [--capture] [--interval S] [--no-trace] -- COMMAND [ARGS...]`
import { recordRun } from '../core/record/recordRun';
import { checkInterval, RecordArgError } from '../core/record/names';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { errorMessage } from '../core/text';

const USAGE = 'usage: queue-lens record OUT --dev DEV [--netns NS] [--capture] [--interval S] [--no-trace] -- COMMAND [ARGS...]';

const HELP = `${USAGE}

Runs COMMAND (exactly the argv after --, nothing else) and writes the run folder OUT around it:
  run.json                 what ran, when, its exit code, tool versions, every file recorded, and
                           everything not recorded with the reason (no root, tool missing, ...)
  command.log              COMMAND's standard output (the run's log); command.stderr.txt its errors
  trace.txt                each flow's tx/rx queue, CPU, hash, packets and bytes from the kernel
                           (queue-lens.bt, aggregated in the kernel; needs root, bpftrace and BTF)
  counters/KIND-before.txt, KIND-after.txt   tc -s qdisc, tc -s class, ethtool -S, /proc/interrupts, ynl qstats
  counters/series/         with --interval S: the same every S seconds
  config/                  ethtool -i/-l/-x/-n/-k, tc -d qdisc, tc filter, ip -d link, the queues' xps/rps
                           masks, sysctls (net.core.txrehash, ...), uname -r
  capture.pcap             with --capture: the first 128 bytes of each packet of DEV (tcpdump -s 128)
  --netns NS  DEV is in network namespace NS: snapshots, capture and the tracer's filter use it. COMMAND
              runs as given, in the caller's namespace (write "ip netns exec NS" in front to run it there).
record exits with COMMAND's exit code (128 + N when signal N ended it). Ctrl+C is passed to COMMAND; the
folder is still written. Then: queue-lens observed OUT.
`;

function parseRecordArgs(own: string[]) {
  return parseCliArgs({
    args: own,
    options: {
      dev: { type: 'string' },
      netns: { type: 'string' },
      capture: { type: 'boolean', default: false },
      interval: { type: 'string' },
      'no-trace': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: true,
  }, USAGE);
}

/** --interval S checked (a UsageError says why not); undefined without it. */
function intervalOf(text: string | undefined): number | undefined {
  try {
    return text === undefined ? undefined : checkInterval(text);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
}

/**
 * Runs `body` with Ctrl+C and SIGTERM passed to COMMAND (once it has started, through the `forward` it is handed)
 * instead of ending record, so the run folder is still written.
 */
async function passingSignals<T>(io: CliIo, body: (setForward: (f: (sig: NodeJS.Signals) => void) => void) => Promise<T>): Promise<T> {
  let forward: ((sig: NodeJS.Signals) => void) | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    io.err(`\nrecord: ${sig}: passed to COMMAND; the run folder is still written\n`);
    forward?.(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body((f) => { forward = f; });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const recordCommand: Subcommand = async (argv: string[], io: CliIo): Promise<number> => {
  const dash = argv.indexOf('--');
  const own = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseRecordArgs(own);
  if (values.help) { io.out(HELP); return 0; }
  if (positionals.length !== 1) throw new UsageError(`one OUT folder\n${USAGE}`);
  if (values.dev === undefined) throw new UsageError(`--dev DEV is required\n${USAGE}`);
  if (command.length === 0) throw new UsageError(`no COMMAND after --\n${USAGE}`);
  const intervalS = intervalOf(values.interval);
  const dev = values.dev;
  return passingSignals(io, async (setForward) => {
    try {
      const r = await recordRun({
        out: positionals[0],
        dev,
        netns: values.netns ?? '',
        command,
        capture: values.capture,
        intervalS,
        trace: !values['no-trace'],
        onStdout: (b) => process.stdout.write(b),
        onStderr: (b) => process.stderr.write(b),
        onNote: (t) => io.err(`${t}\n`),
        onCommandStarted: setForward,
      });
      for (const n of r.manifest.notRecorded) io.err(`record: not recorded: ${n.what}: ${n.reason}\n`);
      io.err(`record: wrote ${positionals[0]} (${r.manifest.trace.recorded ? 'with' : 'without'} trace; ${r.manifest.counters.length} counter sources); COMMAND exited ${r.manifest.exitCode ?? r.manifest.signal}\n`);
      return r.exitCode;
    } catch (e) {
      if (e instanceof RecordArgError) { io.err(`queue-lens record: ${e.message}\n`); return 2; }
      throw e;
    }
  });
};
