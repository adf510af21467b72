// Record a Run's command line: what the user typed becomes words without any expansion, each word is quoted so the
// line shown is exactly what the terminal runs, and nothing but the typed program runs.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { recordLine } from '../../../src/extension/commands/recordLine';
import { shellQuote, splitCommand } from '../../../src/extension/commands/shellQuote';

/** What a real POSIX shell makes of a line: its words, printed one per line by printf. */
const shellWords = (line: string): string[] => execFileSync('sh', ['-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' }).split('\n').slice(0, -1);

describe('Record a Run: the command line', () => {
  it('splits plain words and quotes as the shell does, with no expansion', () => {
    assert.deepEqual(splitCommand('iperf3 -c 192.0.2.2 -P 8 -t 10 -J'), { argv: ['iperf3', '-c', '192.0.2.2', '-P', '8', '-t', '10', '-J'] });
    assert.deepEqual(splitCommand(`iperf3 -T 'run one' --logfile "a b.json"`), { argv: ['iperf3', '-T', 'run one', '--logfile', 'a b.json'] });
    assert.deepEqual(splitCommand('iperf  -c\\ x'), { argv: ['iperf', '-c x'] });
  });

  it('refuses shell operators and expansions instead of running something else than what was typed', () => {
    for (const bad of ['iperf3 -c x; rm -rf ~', 'iperf3 -c x | tee log', 'iperf3 -c $(hostname)', 'iperf3 -c `h`', 'iperf3 > out', 'iperf3 -c "$HOME"', 'iperf3 &']) {
      assert.ok('error' in splitCommand(bad), bad);
    }
    assert.ok('error' in splitCommand('   '));
    assert.ok('error' in splitCommand("iperf3 'open"));
  });

  it('quotes every word so that the shell gives back exactly the words (checked by sh itself)', () => {
    const words = ['iperf3', '-T', "it's $HOME; `x` | y", 'a b', '', '*', '--cport=42000'];
    assert.deepEqual(shellWords(shellQuote(words)), words);
  });

  it('the line: sudo when not root, node and the shipped CLI, record, the folder, --dev, the options, --, the command', () => {
    const line = recordLine('/ext/dist/cli.js', '/usr/bin/node', false, '/w/runs/run 1', 'eth0', ['--interval', '1'], ['iperf3', '-c', '192.0.2.2', '-T', 'a;b']);
    assert.equal(line, "sudo /usr/bin/node /ext/dist/cli.js record '/w/runs/run 1' --dev eth0 --interval 1 -- iperf3 -c 192.0.2.2 -T 'a;b'");
    assert.equal(recordLine('/c.js', 'node', true, 'o', 'vA', [], ['iperf', '-c', 'h']), 'node /c.js record o --dev vA -- iperf -c h');
    assert.deepEqual(shellWords(line.replace(/^sudo /, '')), ['/usr/bin/node', '/ext/dist/cli.js', 'record', '/w/runs/run 1', '--dev', 'eth0', '--interval', '1', '--', 'iperf3', '-c', '192.0.2.2', '-T', 'a;b']);
  });
});
