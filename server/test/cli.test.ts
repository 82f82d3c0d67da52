import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createSandbox, type Sandbox } from '../../sandbox/sandbox.js';
import { SECRET } from './harness.js';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: {
      ...process.env,
      INBOX_SESSION_SECRET: SECRET,
      DATABASE_URL: process.env['TEST_DATABASE_URL'] ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited };
}

describe('npx inbox-elements-server', () => {
  let sandbox: Sandbox;
  let sandboxUrl: string;
  before(async () => {
    sandbox = createSandbox();
    sandboxUrl = `http://127.0.0.1:${((await sandbox.listen(0)).address() as AddressInfo).port}`;
  });
  after(() => sandbox.close());

  it('serves the sandbox provider: a session, then the customer’s channels', async () => {
    const { child, exited } = runCli([
      '--provider',
      'sandbox',
      '--upstream',
      sandboxUrl,
      '--port',
      '0',
      '--insecure-demo-auth',
    ]);
    try {
      const line = await new Promise<string>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (text) => {
          if (text.startsWith('inbox-elements-server')) resolve(text);
        });
      });
      const url = /on (http:\/\/[^:]+:\d+)/.exec(line)![1];
      const session = await fetch(`${url}/inbox/session`, {
        method: 'POST',
        headers: { 'X-Customer-Id': 'cli-customer' },
      });
      const { data } = (await session.json()) as { data: { token: string } };
      const channels = await fetch(`${url}/api/v1/channels`, {
        headers: { Authorization: `Bearer ${data.token}` },
      });
      assert.equal(channels.status, 200);
      assert.deepEqual(await channels.json(), { success: true, data: [] });
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to start without a known provider or a way to authorize', async () => {
    assert.equal(await runCli(['--provider', 'nope', '--insecure-demo-auth']).exited, 2);
    assert.equal(await runCli(['--provider', 'sandbox']).exited, 2);
    assert.equal(await runCli(['--provider', 'skylight', '--insecure-demo-auth']).exited, 2);
  });
});
