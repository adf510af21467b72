import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../helpers/paths';

interface Step { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const commands: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);
const steps: Step[] = manifest.contributes.walkthroughs.flatMap((w: { steps: Step[] }) => w.steps);

/** Every .ts file under src/extension, concatenated: where commands are registered. */
function extensionSource(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(repoRoot, 'src', 'extension'));
  return out.join('\n');
}

describe('package.json contributions', () => {
  it('every contributed command is registered by the extension', () => {
    const src = extensionSource();
    for (const c of commands) assert.ok(src.includes(`'${c}'`), `${c} is contributed but never registered`);
  });

  it('the walkthrough has a step for each palette command a user starts from', () => {
    const linked = new Set(steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])));
    for (const c of ['queueLens.openCapture', 'queueLens.choosePreset', 'queueLens.correlateLog', 'queueLens.compareQueueCounts', 'queueLens.planSourcePorts']) {
      assert.ok(linked.has(c), `no walkthrough step links ${c}`);
    }
    for (const c of linked) assert.ok(commands.includes(c), `a step links ${c}, which is not contributed`);
  });

  it('every walkthrough step can complete: only completion events VS Code knows', () => {
    const known = /^(onCommand:[\w.]+|onSettingChanged:[\w.]+|onContext:.+|onView:[\w.]+|onLink:.+|extensionInstalled:.+|onStepSelected)$/;
    for (const s of steps) {
      assert.ok((s.completionEvents ?? []).length > 0, `${s.id} has no completion event`);
      for (const e of s.completionEvents ?? []) assert.match(e, known, `${s.id}: ${e}`);
    }
  });

  it('every walkthrough step shows its own media file, and it exists', () => {
    const media = steps.map((s) => s.media.markdown);
    assert.equal(new Set(media).size, media.length, 'two steps share one media file');
    for (const m of media) assert.ok(m && fs.existsSync(path.join(repoRoot, m)), `${m} missing`);
  });
});
