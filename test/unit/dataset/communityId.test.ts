// Community ID v1 against the spec's published baseline vectors (test/fixtures/community-id, BSD licence, see README).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { communityId } from '../../../src/core/dataset/communityId';
import { fixturesDir } from '../../helpers/paths';

interface Vector { proto: number; saddr: string; daddr: string; sport: number | null; dport: number | null; communityid: string }
const load = (name: string): Vector[] => JSON.parse(fs.readFileSync(path.join(fixturesDir, 'community-id', name), 'utf8')) as Vector[];

describe('Community ID v1: the spec\'s baseline vectors', () => {
  const variants: Array<[string, { seed?: number; base64?: boolean }]> = [
    ['baseline_deflt.json', {}], ['baseline_seed1.json', { seed: 1 }], ['baseline_nob64.json', { base64: false }],
  ];
  for (const [file, opts] of variants) {
    it(`${file}: every vector (TCP, UDP, SCTP, ICMP/ICMPv6 with mapped types, port-less RSVP; IPv4 and IPv6)`, () => {
      const vectors = load(file);
      assert.ok(vectors.length >= 20);
      for (const v of vectors) assert.equal(communityId(v, opts), v.communityid, JSON.stringify(v));
    });
  }
  it('the README\'s example: the two directions of one TCP flow give one ID', () => {
    assert.equal(communityId({ proto: 6, saddr: '1.2.3.4', daddr: '5.6.7.8', sport: 1122, dport: 3344 }), '1:wCb3OG7yAFWelaUydu0D+125CLM=');
    assert.equal(communityId({ proto: 6, saddr: '5.6.7.8', daddr: '1.2.3.4', sport: 3344, dport: 1122 }), '1:wCb3OG7yAFWelaUydu0D+125CLM=');
  });
  it('refuses mixed IP versions and bad ports', () => {
    assert.throws(() => communityId({ proto: 6, saddr: '1.2.3.4', daddr: '::1', sport: 1, dport: 2 }), /IP version/);
    assert.throws(() => communityId({ proto: 6, saddr: '1.2.3.4', daddr: '5.6.7.8', sport: 70000, dport: 2 }), /port/);
  });
});
