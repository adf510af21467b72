import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPorts, PlanRequest, queueOf, isBalanced, iperf3Command, iperf2Commands, PRESET_NAMES } from '../../../src/core/hashing';

function base(over: Partial<PlanRequest> = {}): PlanRequest {
  return { preset: 'nic-rss-toeplitz', src: '10.0.0.1', dst: { ip: '10.0.0.2', port: 5001 }, flows: 8, queues: 5, ports: [32768, 60999], ...over };
}

/** Re-hash the returned ports independently through queueOf. */
function verify(req: PlanRequest, ports: number[], queues: number[]): void {
  const loads = new Array<number>(req.queues).fill(0);
  ports.forEach((p, i) => {
    const flow = req.reverse
      ? { proto: req.proto ?? 'tcp', src: req.dst, dst: { ip: req.src, port: p } } as const
      : { proto: req.proto ?? 'tcp', src: { ip: req.src, port: p }, dst: req.dst } as const;
    const q = queueOf(req.preset, flow, req.queues, req.opts)?.queue;
    assert.equal(q, queues[i], `port ${p}`);
    loads[q ?? 0]++;
  });
  assert.ok(isBalanced(loads, req.flows), `loads ${loads}`);
  assert.equal(new Set(ports).size, ports.length, 'distinct ports');
  assert.ok(ports.every((p) => p >= req.ports[0] && p <= req.ports[1]));
}

test('balanced plans for every exact preset, k and n, verified by hashing', () => {
  const exact: [PlanRequest['preset'], PlanRequest['opts']][] = [
    ['windows-pv-8.1', {}], ['windows-pv-8.2-rss', {}], ['nic-rss-toeplitz', {}], ['custom', { key: Uint8Array.from({ length: 40 }, (_, i) => i * 7) }],
    ['linux-3.16-netfront', { seed: 0x12345678 }],
  ];
  for (const [preset, opts] of exact) {
    for (const [k, n] of [[8, 1], [8, 3], [8, 5], [8, 8], [3, 8], [16, 6], [2, 2]]) {
      const req = base({ preset, opts, flows: k, queues: n });
      const plan = planPorts(req);
      assert.ok(plan.anyPorts, `${preset} k=${k} n=${n}`);
      verify(req, plan.anyPorts.ports, plan.anyPorts.queues);
      if (plan.window) {
        const w = plan.window;
        assert.deepEqual(w.ports, w.ports.map((_, i) => w.ports[0] + i), 'consecutive');
        verify(req, w.ports, w.queues);
      }
    }
  }
});

test('the 8-flow / 5-queue Windows 8.1 case (the blog\'s blip) has a consecutive fix', () => {
  const plan = planPorts(base({ preset: 'windows-pv-8.1', ports: [40000, 40100] }));
  assert.ok(plan.window);
  assert.deepEqual([...plan.window.loads].sort(), [1, 1, 2, 2, 2]);
  assert.equal(plan.portQueues.length, 101);
});

test('reverse direction and UDP, IPv6', () => {
  for (const req of [
    base({ reverse: true, preset: 'windows-pv-8.2-rss' }),
    base({ proto: 'udp', preset: 'windows-pv-8.1' }),
    base({ src: '2001:db8::1', dst: { ip: '2001:db8::2', port: 5201 } }),
  ]) {
    const plan = planPorts(req);
    assert.ok(plan.anyPorts);
    verify(req, plan.anyPorts.ports, plan.anyPorts.queues);
  }
});

test('UDP on windows-pv-8.2-rss hashes addresses only: no port can balance', () => {
  const plan = planPorts(base({ proto: 'udp', preset: 'windows-pv-8.2-rss', queues: 4 }));
  assert.equal(plan.anyPorts, undefined);
  assert.equal(plan.window, undefined);
});

test('a range too small gives no plan; models are refused', () => {
  const plan = planPorts(base({ ports: [40000, 40003] }));
  assert.equal(plan.window, undefined);
  assert.equal(plan.anyPorts, undefined);
  for (const preset of ['linux-netfront', 'linux-tx', 'linux-3.16-netfront'] as const) {
    assert.throws(() => planPorts(base({ preset })), /model/);
  }
  assert.throws(() => planPorts(base({ preset: 'linux-netfront', opts: { seed: 1n } })), /model/, 'a seeded draw of a random hash is not steerable');
  assert.throws(() => planPorts(base({ ports: [5, 2] })), RangeError);
  assert.throws(() => planPorts(base({ flows: 0 })), RangeError);
  assert.equal(PRESET_NAMES.length, 10);
});

test('64k ports are planned for every n from 1 to 8 (speed: npm run bench:hash)', () => {
  for (let n = 1; n <= 8; n++) {
    const plan = planPorts(base({ ports: [1, 65535], queues: n }));
    assert.ok(plan.anyPorts, `no balanced choice of ports for n = ${n}`);
    verify(plan.request, plan.anyPorts.ports, plan.anyPorts.queues);
  }
});

test('command lines', () => {
  const req = base();
  assert.equal(iperf3Command(req, 40000), 'iperf3 -c 10.0.0.2 -p 5001 -B 10.0.0.1 --cport 40000 -P 8');
  assert.equal(iperf3Command(base({ proto: 'udp', reverse: true }), 1), 'iperf3 -c 10.0.0.2 -p 5001 -B 10.0.0.1 --cport 1 -P 8 -u -b 0 -R');
  assert.deepEqual(iperf2Commands(req, [1, 2]), ['iperf -c 10.0.0.2 -p 5001 -B 10.0.0.1:1 &', 'iperf -c 10.0.0.2 -p 5001 -B 10.0.0.1:2 &', 'wait']);
  assert.equal(iperf2Commands(base({ src: '::1' }), [7])[0], 'iperf -c 10.0.0.2 -p 5001 -B [::1]:7 &');
});
