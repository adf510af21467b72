// A source-port plan as text: the same lines `queue-lens plan` prints, for the editor's Plan Source Ports.
import { iperf2Commands, iperf3Command, PlanResult, PortChoice } from '../hashing/planner';

function describe(c: PortChoice): string {
  return `ports ${c.ports.join(' ')}\n  queues ${c.queues.join(' ')}  (flows per queue: ${c.loads.join(' ')})`;
}

export function planText(plan: PlanResult): string {
  const req = plan.request;
  const [lo, hi] = req.ports;
  const proto = req.proto ?? 'tcp';
  const dir = req.reverse ? `${req.dst.ip}:${req.dst.port} -> ${req.src}:PORT` : `${req.src}:PORT -> ${req.dst.ip}:${req.dst.port}`;
  const out = [`preset ${req.preset}: ${req.flows} ${proto} flows over ${req.queues} queues, ${dir}, ports ${lo}-${hi}`];
  if (plan.window) {
    out.push('', 'consecutive (iperf3 --cport P -P K binds P, P+1, …):', `  ${describe(plan.window)}`, `  ${iperf3Command(req, plan.window.ports[0])}`);
  } else {
    out.push('', `no ${req.flows} consecutive ports in the range spread perfectly; iperf3 --cport cannot reproduce a balanced run`);
  }
  if (plan.anyPorts) {
    out.push('', 'any ports (one iperf 2 client per port, run together):', `  ${describe(plan.anyPorts)}`);
    for (const line of iperf2Commands(req, plan.anyPorts.ports)) out.push(`  ${line}`);
  } else {
    out.push('', `no balanced set of ${req.flows} ports exists in ${lo}-${hi} for ${req.queues} queues`);
  }
  return `${out.join('\n')}\n`;
}
