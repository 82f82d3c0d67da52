import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import type { Conversation, MessagePage } from '../src/contract.js';
import { customer } from './drivers.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';
import { webhookProvider } from './fixtures/webhook-provider.js';

const databaseUrl = process.env['TEST_DATABASE_URL'];

interface ChildServer {
  child: ChildProcess;
  url: string;
  webhookPath: string;
}

function startChild(): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./fixtures/serve-testhook.ts', import.meta.url).pathname],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The child server exited (${code})`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      resolve({ child, ...(JSON.parse(line) as { url: string; webhookPath: string }) });
    });
  });
}

function webhook(customerId: string, index: number) {
  return JSON.stringify({
    customer: customerId,
    account: `wa-${customerId}`,
    chat: 'burst',
    message: { id: `b${index}`, text: `burst ${index}` },
  });
}

describe(
  'several server processes on one PostgreSQL',
  { skip: databaseUrl ? false : 'set TEST_DATABASE_URL (bash scripts/start-postgres.sh)' },
  () => {
    const children: ChildServer[] = [];
    let local: TestServer | undefined;
    after(async () => {
      for (const { child } of children) child.kill('SIGKILL');
      await local?.close();
    });

    it('a webhook stored by process A reaches a socket held by process B', async () => {
      const a = await startChild();
      children.push(a);
      local = await startServer({
        provider: webhookProvider().provider,
        publicUrl: 'http://127.0.0.1',
        databaseUrl,
      });
      const lee = customer('lee');
      const { events } = await local.socket(await local.token(lee));
      const response = await fetch(`${a.url}${a.webhookPath}`, { method: 'POST', body: webhook(lee, 0) });
      assert.equal(response.status, 200);
      const event = await waitFor(
        () => events.find((item) => item.event === 'message:new'),
        'the event on B',
      );
      assert.equal((event.payload as { message: { text: string } }).message.text, 'burst 0');
    });

    it('process A killed in the middle of 1,000 webhooks: redelivered to B, each message stored and shown once', async () => {
      const a = await startChild();
      children.push(a);
      const server = local!;
      const max = customer('max');
      const { events } = await server.socket(await server.token(max));
      const total = 1000;
      const acknowledged = new Set<number>();
      let killed = false;
      const sendTo = async (target: { url: string; webhookPath: string }, index: number) => {
        const response = await fetch(`${target.url}${target.webhookPath}`, {
          method: 'POST',
          body: webhook(max, index),
        });
        if (response.status === 200) acknowledged.add(index);
      };
      const burst = Array.from({ length: total }, (_, index) => index);
      const queue = [...burst];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
            if (!killed && acknowledged.size >= total / 2) {
              killed = true;
              a.child.kill('SIGKILL');
            }
            await sendTo(a, index).catch(() => undefined);
          }
        }),
      );
      assert.ok(killed && acknowledged.size < total, 'A died before the burst ended');
      // The upstream posts again what was not acknowledged; B takes it.
      const b = { url: server.url, webhookPath: new URL(server.server.webhookUrl!).pathname };
      const unacknowledged = burst.filter((item) => !acknowledged.has(item));
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let index = unacknowledged.shift(); index !== undefined; index = unacknowledged.shift()) {
            await sendTo(b, index);
          }
        }),
      );
      assert.equal(acknowledged.size, total);

      const token = await server.token(max);
      const [conversation] = (
        await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))
      ).items;
      const texts: string[] = [];
      let before: string | undefined;
      for (;;) {
        const page: MessagePage = await dataOf<MessagePage>(
          await server.api(
            token,
            'GET',
            `conversations/${conversation.id}/messages?limit=100${before ? `&before=${before}` : ''}`,
          ),
        );
        texts.push(...page.items.map((message) => message.text ?? ''));
        if (!page.has_more) break;
        before = page.items[0].id;
      }
      assert.equal(texts.length, total);
      assert.equal(new Set(texts).size, total);
      await waitFor(
        () => events.filter((event) => event.event === 'message:new').length >= total,
        'every event on B',
        30_000,
      );
      const shown = events
        .filter((event) => event.event === 'message:new')
        .map((event) => (event.payload as { message: { id: string } }).message.id);
      assert.equal(shown.length, total);
      assert.equal(new Set(shown).size, total);
    });
  },
);
