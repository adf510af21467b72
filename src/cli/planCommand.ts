// `queue-lens plan`: client ports that spread k flows perfectly over n queues, with iperf command lines.
import { iperf2Commands, iperf3Command, parseIp, parsePortRange, planPorts, PlanRequest, PortChoice, PRESET_NAMES } from '../core/hashing';
import { endpoint, parseProto, PRESET_ARG_OPTIONS, readPresetArgs } from './hashCommand';
import { parseCliArgs, Subcommand, UsageError } from './io';

/** Linux's default ip_local_port_range. */
export const DEFAULT_PORTS: [number, number] = [32768, 60999];

export const PLAN_USAGE = `usage: queue-lens plan --preset P --src IP --dst IP:PORT --flows K --queues N [--ports A-B]
                       [--proto tcp|udp] [--reverse] [--key HEX] [--table FILE] [--fields 2|4] [--sym-xor] [--seed S]
  Finds client ports that put K flows on N queues as evenly as possible (each queue ⌊K/N⌋ or ⌈K/N⌉)
  under an exact preset, and prints iperf3 (--cport, consecutive ports) and iperf 2 (-B IP:PORT) commands.
  --src is the client's (iperf -c side) address: required, because the hash depends on it.
  --ports defaults to ${DEFAULT_PORTS[0]}-${DEFAULT_PORTS[1]} (Linux ip_local_port_range).
  --reverse hashes the server→client direction (iperf -R). presets: ${PRESET_NAMES.join(', ')}
`;

function describe(c: PortChoice): string {
  return `ports ${c.ports.join(' ')}\n  queues ${c.queues.join(' ')}  (flows per queue: ${c.loads.join(' ')})`;
}

export const runPlan: Subcommand = async (argv, io) => {
  const { values } = parseCliArgs({
    args: argv,
    options: {
      ...PRESET_ARG_OPTIONS, src: { type: 'string' }, dst: { type: 'string' }, flows: { type: 'string' },
      ports: { type: 'string' }, reverse: { type: 'boolean' },
    },
    strict: true, allowPositionals: false,
  }, PLAN_USAGE);
  if (values.help) { io.out(PLAN_USAGE); return 0; }
  const a = readPresetArgs(values, io);
  if (a.n === undefined) throw new UsageError('--queues N is required');
  if (values.src === undefined) throw new UsageError('--src IP (the client address) is required: the hash depends on it');
  try { parseIp(values.src); } catch (e) { throw new UsageError(`--src: ${e instanceof Error ? e.message : String(e)}`); }
  const dst = endpoint('dst', values.dst);
  if (values.flows === undefined || !/^\d+$/.test(values.flows) || Number(values.flows) < 1) throw new UsageError('--flows K (a positive integer) is required');
  let ports = DEFAULT_PORTS;
  if (values.ports !== undefined) {
    try { ports = parsePortRange(values.ports); } catch (e) { throw new UsageError(`--ports: ${e instanceof Error ? e.message : String(e)}`); }
  }
  const req: PlanRequest = {
    preset: a.preset, opts: a.opts, proto: parseProto(values.proto), src: values.src, dst,
    flows: Number(values.flows), queues: a.n, ports, reverse: values.reverse === true,
  };
  let plan;
  try {
    plan = planPorts(req);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const dir = req.reverse ? `${dst.ip}:${dst.port} -> ${req.src}:PORT` : `${req.src}:PORT -> ${dst.ip}:${dst.port}`;
  io.out(`preset ${req.preset}: ${req.flows} ${req.proto} flows over ${req.queues} queues, ${dir}, ports ${ports[0]}-${ports[1]}\n`);
  if (plan.window) {
    io.out(`\nconsecutive (iperf3 --cport P -P K binds P, P+1, …):\n  ${describe(plan.window)}\n`);
    io.out(`  ${iperf3Command(req, plan.window.ports[0])}\n`);
  } else {
    io.out(`\nno ${req.flows} consecutive ports in the range spread perfectly; iperf3 --cport cannot reproduce a balanced run\n`);
  }
  if (plan.anyPorts) {
    io.out(`\nany ports (one iperf 2 client per port, run together):\n  ${describe(plan.anyPorts)}\n`);
    for (const line of iperf2Commands(req, plan.anyPorts.ports)) io.out(`  ${line}\n`);
    return 0;
  }
  io.out(`\nno balanced set of ${req.flows} ports exists in ${ports[0]}-${ports[1]} for ${req.queues} queues\n`);
  return 2;
};
