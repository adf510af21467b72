// `queue-lens plan`: client ports that spread k flows perfectly over n queues, with iperf command lines.
import {
  iperf2Commands, iperf3Command, parseIp, parsePortRange, planPorts, planSources, PlanRequest, PlanResult, PortChoice, PRESET_NAMES,
} from '../core/hashing';
import { endpoint, parseProto, PRESET_ARG_OPTIONS, readPresetArgs } from './hashCommand';
import { CliIo, parseCliArgs, Subcommand, UsageError } from './io';
import { errorMessage } from '../core/text';

/** Linux's default ip_local_port_range. */
const DEFAULT_PORTS: [number, number] = [32768, 60999];

const PLAN_USAGE = `usage: queue-lens plan --preset P --src IP --dst IP:PORT --flows K --queues N [--ports A-B]
                       [--proto tcp|udp] [--reverse] [--key HEX] [--table FILE] [--fields 2|4] [--sym-xor] [--seed S]
  Finds client ports that put K flows on N queues as evenly as possible (each queue ⌊K/N⌋ or ⌈K/N⌉)
  under an exact preset, and prints iperf3 (--cport, consecutive ports) and iperf 2 (-B IP:PORT) commands.
  --src is the client's (iperf -c side) address: required, because the hash depends on it.
  --ports defaults to ${DEFAULT_PORTS[0]}-${DEFAULT_PORTS[1]} (Linux ip_local_port_range).
  --reverse hashes the server→client direction (iperf -R). presets: ${PRESET_NAMES.join(', ')}
  Where the hash ignores ports (a 2-tuple: UDP under windows-pv-8.2-rss, --fields 2, or --rx-flow-hash saying
  IP SA, IP DA) ports cannot steer flows: plan client addresses instead with --src-addrs A,B,… or FIRST-LAST (IPv4).
`;

/** "10.0.0.1-10.0.0.64" (IPv4) or a comma list. */
function expandAddresses(text: string): string[] {
  const range = /^\s*(\d+\.\d+\.\d+\.\d+)\s*-\s*(\d+\.\d+\.\d+\.\d+)\s*$/.exec(text);
  if (range) {
    const v = (ip: string) => parseIp(ip).reduce((a, b) => a * 256 + b, 0);
    const a = v(range[1]);
    const b = v(range[2]);
    if (b < a || b - a > 65535) throw new UsageError(`--src-addrs: bad range '${text}' (at most 65536 addresses)`);
    return Array.from({ length: b - a + 1 }, (_, i) => {
      const x = a + i;
      return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
    });
  }
  const list = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
  for (const ip of list) {
    try { parseIp(ip); } catch (e) { throw new UsageError(`--src-addrs: ${errorMessage(e)}`); }
  }
  if (list.length === 0) throw new UsageError('--src-addrs: no addresses');
  return list;
}

function describe(c: PortChoice): string {
  return `ports ${c.ports.join(' ')}\n  queues ${c.queues.join(' ')}  (flows per queue: ${c.loads.join(' ')})`;
}

function parsePlanArgs(argv: string[]) {
  return parseCliArgs({
    args: argv,
    options: {
      ...PRESET_ARG_OPTIONS, src: { type: 'string' }, dst: { type: 'string' }, flows: { type: 'string' },
      ports: { type: 'string' }, reverse: { type: 'boolean' }, 'src-addrs': { type: 'string' },
    },
    strict: true, allowPositionals: false,
  }, PLAN_USAGE);
}

type PlanArgs = ReturnType<typeof parsePlanArgs>['values'];

/** The plan request the options describe; a UsageError names the option that is missing or wrong. */
function planRequest(values: PlanArgs, io: CliIo): PlanRequest {
  const a = readPresetArgs(values, io);
  if (a.n === undefined) throw new UsageError('--queues N is required');
  if (values.src === undefined) throw new UsageError('--src IP (the client address) is required: the hash depends on it');
  try { parseIp(values.src); } catch (e) { throw new UsageError(`--src: ${errorMessage(e)}`); }
  const dst = endpoint('dst', values.dst);
  if (values.flows === undefined || !/^\d+$/.test(values.flows) || Number(values.flows) < 1) throw new UsageError('--flows K (a positive integer) is required');
  let ports = DEFAULT_PORTS;
  if (values.ports !== undefined) {
    try { ports = parsePortRange(values.ports); } catch (e) { throw new UsageError(`--ports: ${errorMessage(e)}`); }
  }
  return {
    preset: a.preset, opts: a.opts, proto: parseProto(values.proto), src: values.src, dst,
    flows: Number(values.flows), queues: a.n, ports, reverse: values.reverse === true,
  };
}

/** A 2-tuple hash: client addresses per queue instead of ports (from --src-addrs), one iperf3 per address. */
function printAddressPlan(req: PlanRequest, srcAddrs: string | undefined, io: CliIo): number {
  const dst = req.dst;
  io.out(`preset ${req.preset}: ${req.proto} is hashed on addresses only (2-tuple): source ports do not change the queue.\n`);
  if (srcAddrs === undefined) {
    io.out('plan client addresses instead: give the addresses the client can bind with --src-addrs A,B,… or FIRST-LAST\n');
    return 2;
  }
  const sp = planSources(req, expandAddresses(srcAddrs));
  io.out(`\nclient addresses per queue (${sp.perQueue.length} of ${req.queues} queues reached):\n`);
  for (const e of sp.perQueue) io.out(`  queue ${e.queue}: ${e.address}\n`);
  if (sp.missing.length) io.out(`  no candidate reaches queue(s) ${sp.missing.join(' ')}\n`);
  io.out(`\n${sp.balanced ? 'balanced' : 'not balanced (queues missing)'}: one iperf3 per address, run together:\n`);
  const udp = req.proto === 'udp' ? ' -u -b 0' : '';
  // An iperf3 server runs one test at a time: one server port per client (ports do not change the queue here).
  sp.flows.forEach((f, i) => io.out(`  iperf3 -c ${dst.ip} -p ${dst.port + i} -B ${f.address} -P ${f.flows}${udp}${req.reverse ? ' -R' : ''} &   # queue ${f.queue}\n`));
  io.out(`  wait\n(server side: iperf3 -s -p PORT for each of ports ${dst.port}..${dst.port + sp.flows.length - 1})\n`);
  return sp.balanced ? 0 : 2;
}

/** Ports: a consecutive window for iperf3 --cport, and any balanced set for iperf 2 clients. */
function printPortPlan(req: PlanRequest, plan: PlanResult, io: CliIo): number {
  const { dst, ports } = req;
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
}

export const runPlan: Subcommand = async (argv, io) => {
  const { values } = parsePlanArgs(argv);
  if (values.help) { io.out(PLAN_USAGE); return 0; }
  const req = planRequest(values, io);
  let plan;
  try {
    plan = planPorts(req);
  } catch (e) {
    throw new UsageError(errorMessage(e));
  }
  if (plan.input === 'cpu') {
    io.out(`preset ${req.preset}: the tx queue follows the sending CPU (XPS), not ports or addresses: pin the sender with iperf3 -A CPU;\n` +
      'flows from one CPU share its queue(s). Spread over queues by running one iperf3 per CPU (-A 0, -A 1, …).\n');
    return 2;
  }
  if (plan.input === 'addresses') return printAddressPlan(req, values['src-addrs'], io);
  return printPortPlan(req, plan, io);
};
