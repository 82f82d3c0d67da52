// Builds the apps under test/consumers/ the way a host would: each one copied to a fresh folder, its own
// lock installed with `npm ci`, then the package installed from the tarball `npm pack` makes (never the
// workspace source), then the app's own build. The built pages go to test/consumers/<app>/dist/, where
// test/embed/consumers.test.ts loads them in Chromium against the sandbox. A file missing from the
// tarball fails here (the import does not resolve) or there (a chunk does not load).
//
// CONSUMERS=react-18,angular builds only those apps.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { packPackage, removePacked } from './package-tarball.js';

const consumersDir = resolve('test/consumers');
const chosen = process.env['CONSUMERS']?.split(',').filter(Boolean);
const apps = readdirSync(consumersDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(consumersDir, entry.name, 'package-lock.json')))
  .map((entry) => entry.name)
  .filter((app) => !chosen || chosen.includes(app));

const quietNpm = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'];

async function run(command: string, args: string[], cwd: string): Promise<void> {
  try {
    await promisify(execFile)(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    });
  }
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function buildApp(app: string, tarball: string, workDir: string): Promise<boolean> {
  const appDir = join(workDir, app);
  cpSync(join(consumersDir, app), appDir, {
    recursive: true,
    filter: (source) => !/[/\\](node_modules|dist)$/.test(source),
  });
  try {
    const installStart = performance.now();
    await run('npm', ['ci', ...quietNpm], appDir);
    await run('npm', ['install', '--no-save', ...quietNpm, tarball], appDir);
    const installed = seconds(installStart);
    const buildStart = performance.now();
    await run('npm', ['run', 'build'], appDir);
    const built = seconds(buildStart);
    const output = join(consumersDir, app, 'dist');
    rmSync(output, { recursive: true, force: true });
    cpSync(join(appDir, 'dist'), output, { recursive: true });
    console.log(`✓ ${app}: installed in ${installed}, built in ${built}`);
    return true;
  } catch (error) {
    console.error(`✗ ${app}: ${(error as Error).message}`);
    return false;
  }
}

const started = performance.now();
const packed = packPackage();
const workDir = mkdtempSync(join(tmpdir(), 'inbox-elements-consumers-'));
const results: boolean[] = [];
try {
  // Two at a time: installs mostly wait on the disk and the registry, builds on the two cores.
  const pending = [...apps];
  const worker = async () => {
    for (let app = pending.shift(); app; app = pending.shift())
      results.push(await buildApp(app, packed.tarball, workDir));
  };
  await Promise.all([worker(), worker()]);
} finally {
  rmSync(workDir, { recursive: true, force: true });
  removePacked(packed);
}
console.log(`${apps.length} consumer apps in ${seconds(started)}`);
if (results.includes(false)) process.exit(1);
