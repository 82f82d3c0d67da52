import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Conversation, Message } from '../src/contract.js';
import { webhookProvider, type WebhookProviderControl } from './fixtures/webhook-provider.js';
import { customer } from './drivers.js';
import { incomingMessage, messagesOf, uploadFile } from './fixtures/inbox-calls.js';
import { dataOf, startServer, waitFor, type TestServer } from './harness.js';

const BYTES = '%PDF-1.4 the invoice, sent while the upstream is down';

async function conversationOf(server: TestServer, who: string): Promise<{ token: string; id: string }> {
  await incomingMessage(server, who, 'c1', `asked-${who}`, 'Send the invoice');
  const token = await server.token(who);
  const [conversation] = (
    await dataOf<{ items: Conversation[] }>(await server.api(token, 'GET', 'conversations'))
  ).items;
  return { token, id: conversation.id };
}

/** The link as the page uses it: no token, the way `<img src>` or a download fetches. */
function fetchLink(link: string): Promise<Response> {
  return fetch(link, { redirect: 'manual' });
}

describe('a file send the upstream has not taken yet links to the server copy (webhook-fed provider)', () => {
  let fixture: WebhookProviderControl;
  let server: TestServer;

  before(async () => {
    fixture = webhookProvider();
    server = await startServer({ provider: fixture.provider, publicUrl: 'http://127.0.0.1' });
  });
  after(() => server.close());

  it('answers a link that serves the bytes while pending, then leads to the upstream link; the socket gets the same link', async () => {
    const sam = customer('sam');
    const { token, id } = await conversationOf(server, sam);
    const { events } = await server.socket(token);
    fixture.mode = 'throw';
    const response = await uploadFile(server, token, id, { externalId: `pending-${sam}`, content: BYTES });
    assert.equal(response.status, 200);
    const sent = await dataOf<Message>(response);
    assert.equal(sent.status, 'pending');
    const link = sent.file!.download_url;
    assert.equal(new URL(link).origin, new URL(server.url).origin);

    const served = await fetchLink(link);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.equal(await served.text(), BYTES);

    const pushed = await waitFor(
      () =>
        events.find(
          (event) =>
            event.event === 'message:new' && (event.payload as { message: Message }).message.id === sent.id,
        ),
      'message:new of the pending file',
    );
    assert.equal((pushed.payload as { message: Message }).message.file?.download_url, link);

    const forged = link.replace(/\/files\/pending\/[\w-]{4}/, '/files/pending/AAAA');
    assert.equal((await fetchLink(forged)).status, 404);
    const [, , signature, , externalSegment, name] = new URL(link).pathname.split('/').slice(-6);
    const otherCustomer = Buffer.from(customer('other')).toString('base64url');
    const swapped = `${server.url}/files/pending/${signature}/${otherCustomer}/${externalSegment}/${name}`;
    assert.equal((await fetchLink(swapped)).status, 404);

    fixture.mode = 'ok';
    const settled = await waitFor(async () => {
      const mine = (await messagesOf(server, token, id)).find((item) => item.id === sent.id);
      return mine?.status === 'sent' ? mine : undefined;
    }, 'the retried send settled');
    const upstreamLink = `https://files.example/${encodeURIComponent(`pending-${sam}`)}`;
    assert.equal(settled.file?.download_url, upstreamLink);
    const after = await fetchLink(link);
    assert.equal(after.status, 302);
    assert.equal(after.headers.get('location'), upstreamLink);
  });

  it('keeps serving the bytes of a file the upstream took without a link of its own', async () => {
    const uma = customer('uma');
    const { token, id } = await conversationOf(server, uma);
    fixture.mode = 'unlinked';
    const response = await uploadFile(server, token, id, { externalId: `unlinked-${uma}`, content: BYTES });
    assert.equal(response.status, 200);
    const sent = await dataOf<Message>(response);
    assert.equal(sent.status, 'sent');
    const served = await fetchLink(sent.file!.download_url);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), BYTES);
    fixture.mode = 'ok';
  });

  it('keeps serving the bytes of a file the upstream refused, so Retry can send it again', async () => {
    const tia = customer('tia');
    const { token, id } = await conversationOf(server, tia);
    fixture.mode = 'refuse';
    const refused = await uploadFile(server, token, id, { externalId: `refused-${tia}`, content: BYTES });
    assert.equal(refused.status, 422);
    const failed = (await messagesOf(server, token, id)).find(
      (item) => item.external_id === `refused-${tia}`,
    );
    assert.equal(failed?.status, 'failed');
    const served = await fetchLink(failed.file!.download_url);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), BYTES);
    fixture.mode = 'ok';
  });
});
