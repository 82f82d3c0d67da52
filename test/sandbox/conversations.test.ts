import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import type { Message, MessagePage } from '../../src/api/types.js';
import { parseConversation, parseMessagePage } from '../../src/api/validate-inbox.js';
import { SandboxTenant, fastTimings, type LoggedRequest } from '../helpers/sandbox.js';

interface Answer<T> {
  status: number;
  headers: Headers;
  json: { success?: boolean; data: T; message?: string; errors?: Record<string, string[]> };
}

/** One call with the tenant's key, answered whatever its status. */
async function call<T = unknown>(
  tenant: SandboxTenant,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(path, {
    method,
    headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

async function messages(tenant: SandboxTenant, conversationId: string, query = ''): Promise<MessagePage> {
  const answer = await call(tenant, 'GET', `/api/v1/conversations/${conversationId}/messages${query}`);
  expect(answer.status, JSON.stringify(answer.json)).to.equal(200);
  return parseMessagePage(answer.json.data);
}

function loaded(media: HTMLMediaElement, event: 'loadedmetadata' | 'loadeddata'): Promise<void> {
  return new Promise((resolve, reject) => {
    media.addEventListener(event, () => resolve(), { once: true });
    media.addEventListener('error', () => reject(new Error(`media error ${media.error?.code}`)), {
      once: true,
    });
  });
}

describe('sandbox: simulated conversations', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('links a connected channel for a conversation when the tenant has none, and reuses it', async () => {
    const first = parseConversation(await tenant.createConversation());
    const [channel] = (await tenant.state()).channels;
    expect(channel).to.include({
      id: first.channel_id,
      type: 'whatsapp',
      is_connected: true,
      sync_status: 'OK',
    });
    expect(first.channel).to.equal('whatsapp');
    const second = await tenant.createConversation({ channel: 'whatsapp' });
    expect(second.channel_id).to.equal(first.channel_id);
    const instagram = await tenant.createConversation({ channel: 'instagram' });
    expect(instagram.channel_id).to.not.equal(first.channel_id);
    expect((await tenant.state()).channels.map((item) => item.type)).to.deep.equal(['whatsapp', 'instagram']);

    const offline = await tenant.addChannel({ type: 'telegram', is_connected: false, sync_status: 'ERROR' });
    const onOffline = await tenant.createConversation({ channel_id: offline.id });
    expect(onOffline).to.include({ channel: 'telegram', channel_id: offline.id });
  });

  it('simulates the contact, or takes the one given', async () => {
    const whatsapp = await tenant.createConversation({ messages: 0 });
    expect(whatsapp.contact.name).to.be.a('string');
    expect(whatsapp.contact.phone).to.match(/^\+9665\d{8}$/);
    expect(whatsapp.contact.avatar_url).to.match(/^http:\/\/[^/]+\/__sandbox\/avatars\/\d+\/\w+\.svg$/);
    const avatar = await fetch(whatsapp.contact.avatar_url!);
    expect(avatar.headers.get('Content-Type')).to.equal('image/svg+xml');
    expect(await avatar.text()).to.contain('<svg');

    const instagram = await tenant.createConversation({ channel: 'instagram', messages: 0 });
    expect(instagram.contact).to.include({ phone: null });
    expect(instagram.contact.username).to.be.a('string').and.not.be.empty;

    const given = await tenant.createConversation({
      contact: { name: 'Hind', phone: '+966500000009', avatar_url: null },
      messages: 0,
    });
    expect(given.contact).to.include({
      name: 'Hind',
      phone: '+966500000009',
      avatar_url: null,
      username: null,
    });
    expect(given).to.include({ last_message: null, unread_count: 0 });
    expect(Date.now() - Date.parse(given.updated_at)).to.be.within(0, 5000);
  });

  it('refuses a bad conversation request with field errors', async () => {
    await tenant.createConversation({ channel: 'whatsapp', messages: 0 });
    const refused = await call(tenant, 'POST', '/__sandbox/conversations', {
      channel: 'signal',
      channel_id: 999999,
      messages: -1,
      contact: { nick: 'x', name: 3 },
    });
    expect(refused.status).to.equal(422);
    expect(refused.json.errors).to.have.all.keys(
      'channel',
      'channel_id',
      'messages',
      'contact.nick',
      'contact.name',
    );
    const { channels } = await tenant.state();
    const wrongType = await call(tenant, 'POST', '/__sandbox/conversations', {
      channel: 'telegram',
      channel_id: channels[0].id,
    });
    expect(wrongType.json.errors).to.have.key('channel_id');
    const badTime = await call(tenant, 'POST', '/__sandbox/conversations', { newest_at: 'yesterday' });
    expect(badTime.json.errors).to.have.key('newest_at');
  });

  it('gives the history fixed times with newest_at: the same times for the same conversation number', async () => {
    const newestAt = '2026-01-15T10:30:00.000Z';
    const times = async (apiTenant: SandboxTenant) => {
      const conversation = await apiTenant.createConversation({ messages: 12, newest_at: newestAt });
      const page = await messages(apiTenant, conversation.id);
      return { updated: conversation.updated_at, times: page.items.map((message) => message.timestamp) };
    };
    const first = await times(tenant);
    expect(first.times.at(-1)).to.equal(newestAt);
    expect(first.updated).to.equal(newestAt);
    const other = new SandboxTenant();
    await other.scenario({ timings: fastTimings });
    expect(await times(other)).to.deep.equal(first);
  });

  it('seeds a history over several days: alternating runs, replies, final receipts, unread trailing messages', async () => {
    const conversation = await tenant.createConversation({ messages: 100 });
    const { items } = await messages(tenant, conversation.id, '?limit=100');
    expect(items).to.have.length(100);
    const times = items.map((message) => Date.parse(message.timestamp));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    const days = new Set(items.map((message) => message.timestamp.slice(0, 10)));
    expect(days.size).to.be.at.least(3);
    expect(Date.now() - times.at(-1)!).to.be.within(0, 4 * 3600_000);

    const directions = items.map((message) => message.direction);
    const runs = directions.filter((direction, index) => direction !== directions[index - 1]).length;
    expect(runs).to.be.above(20);
    expect(directions.some((direction, index) => direction === directions[index + 1])).to.equal(true);

    const ids = new Set(items.map((message) => message.id));
    const replies = items.filter((message) => message.reply_to_message_id !== null);
    expect(replies).to.not.be.empty;
    for (const reply of replies) expect(ids.has(reply.reply_to_message_id!)).to.equal(true);

    const outgoing = items.filter((message) => message.direction === 'outgoing');
    for (const message of outgoing) expect(['read', 'delivered']).to.include(message.status);
    for (const message of items.filter((item) => item.direction === 'incoming')) {
      expect(message.status).to.equal(null);
      expect(message.sender).to.deep.equal({ id: conversation.contact.id, name: conversation.contact.name });
    }
    const lastOutgoing = items.findLastIndex((message) => message.direction === 'outgoing');
    expect(conversation.unread_count).to.equal(items.length - lastOutgoing - 1);
    expect(conversation.last_message?.id).to.equal(items.at(-1)!.id);
  });

  it('builds 10000 messages quickly and pages through them', async () => {
    const started = performance.now();
    const conversation = await tenant.createConversation({ messages: 10000 });
    expect(performance.now() - started).to.be.below(3000);
    expect((await tenant.state()).conversations[0]).to.include({ id: conversation.id, messages: 10000 });
    const newest = await messages(tenant, conversation.id, '?limit=100');
    expect(newest.has_more).to.equal(true);
    const older = await messages(tenant, conversation.id, `?limit=100&before=${newest.items[0].id}`);
    expect(older.items.at(-1)!.timestamp <= newest.items[0].timestamp).to.equal(true);
  });

  it('with all_types shows every type, every outgoing status, links, calls and deletions', async () => {
    const conversation = await tenant.createConversation({
      channel: 'telegram',
      messages: 5,
      all_types: true,
    });
    const { items } = await messages(tenant, conversation.id, '?limit=100');
    const types = new Set(items.map((message) => message.type));
    expect([...types].sort()).to.deep.equal(
      ['audio', 'call', 'document', 'image', 'text', 'unsupported', 'video'].sort(),
    );
    const statuses = new Set(
      items.filter((item) => item.direction === 'outgoing').map((item) => item.status),
    );
    expect([...statuses].sort()).to.deep.equal(['delivered', 'failed', 'pending', 'played', 'read', 'sent']);
    const failed = items.find((message) => message.status === 'failed')!;
    expect(failed.error).to.be.a('string').and.not.be.empty;
    expect(
      items.filter((message) => message.status !== 'failed').every((item) => item.error === null),
    ).to.equal(true);
    const texts = items.map((message) => message.text ?? '');
    expect(texts.some((text) => text.includes('https://') && text.includes('http://'))).to.equal(true);
    const deleted = items.filter((message) => message.deleted);
    expect(deleted.map((message) => message.direction).sort()).to.deep.equal(['incoming', 'outgoing']);
    for (const message of deleted) expect(message).to.include({ text: null, file: null });
    const calls = items.filter((message) => message.type === 'call');
    expect(calls.map((message) => message.direction).sort()).to.deep.equal(['incoming', 'outgoing']);
    const mimeTypes = items.flatMap((message) => (message.file ? [message.file.mime_type] : []));
    expect(mimeTypes).to.include.members([
      'image/png',
      'application/pdf',
      'audio/mpeg',
      'video/mp4',
      'text/x-vcard',
    ]);
    const audio = items.find((message) => message.type === 'audio' && message.direction === 'outgoing')!;
    expect(audio.status).to.equal('played');
  });

  it('with image_every makes every so many messages of the history a captioned photo', async () => {
    const conversation = await tenant.createConversation({ messages: 60, image_every: 20 });
    const { items } = await messages(tenant, conversation.id, '?limit=100');
    expect(
      items.map((message, index) => (message.type === 'image' ? index : -1)).filter((i) => i >= 0),
    ).to.deep.equal([19, 39, 59]);
    for (const photo of items.filter((message) => message.type === 'image')) {
      expect(photo.text).to.equal(null);
      expect(photo.file?.mime_type).to.equal('image/png');
      expect(photo.file?.caption).to.be.a('string').and.not.be.empty;
    }
    const refused = await call(tenant, 'POST', '/__sandbox/conversations', { image_every: -1 });
    expect(refused.status).to.equal(422);
  });

  it('serves the seeded files as what they are: a PNG, a PDF, an MP3 and an H.264 MP4 the browser decodes', async () => {
    const conversation = await tenant.createConversation({ messages: 0, all_types: true });
    const { items } = await messages(tenant, conversation.id);
    const fileOf = (mime: string) => items.find((message) => message.file?.mime_type === mime)!.file!;

    const png = fileOf('image/png');
    const image = new Image();
    image.src = png.download_url;
    await image.decode();
    expect([image.naturalWidth, image.naturalHeight]).to.deep.equal([320, 240]);

    const pdf = fileOf('application/pdf');
    const pdfText = await (await fetch(pdf.download_url)).text();
    expect(pdfText.startsWith('%PDF-1.4\n')).to.equal(true);
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdfText)?.[1]);
    expect(pdfText.slice(xrefAt, xrefAt + 4)).to.equal('xref');
    expect(pdf.size).to.equal(new TextEncoder().encode(pdfText).length);

    const audio = new Audio(fileOf('audio/mpeg').download_url);
    await loaded(audio, 'loadedmetadata');
    expect(audio.duration).to.be.within(2.5, 3.5);

    const video = document.createElement('video');
    video.muted = true;
    video.src = fileOf('video/mp4').download_url;
    await loaded(video, 'loadeddata');
    expect([video.videoWidth, video.videoHeight]).to.deep.equal([96, 64]);
    expect(video.duration).to.be.within(1.9, 2.1);
    // A frame is on the canvas only once it was presented.
    const presented = new Promise((resolve) => video.requestVideoFrameCallback(resolve));
    await video.play();
    await presented;
    video.pause();
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 64;
    const context = canvas.getContext('2d')!;
    context.drawImage(video, 0, 0);
    const [red, green, blue] = context.getImageData(48, 2, 1, 1).data;
    // Sky blue at the top of the picture.
    expect(blue).to.be.above(200);
    expect(red).to.be.below(170);
    expect(green).to.be.within(140, 220);

    const vcard = await (await fetch(fileOf('text/x-vcard').download_url)).text();
    expect(vcard).to.match(/^BEGIN:VCARD\r\n[\s\S]*END:VCARD\r\n$/);
  });

  it('answers files with their headers, byte ranges and HEAD, without credentials; unknown files are 404', async () => {
    const conversation = await tenant.createConversation({ messages: 0, all_types: true });
    const { items } = await messages(tenant, conversation.id);
    const file = items.find(
      (message) => message.type === 'document' && message.file?.name.endsWith('.pdf'),
    )!.file!;
    expect(new URL(file.download_url).origin).to.equal(location.origin);

    const whole = await fetch(file.download_url);
    expect(whole.status).to.equal(200);
    expect(whole.headers.get('Content-Type')).to.equal('application/pdf');
    expect(whole.headers.get('Content-Length')).to.equal(String(file.size));
    expect(whole.headers.get('Content-Disposition')).to.equal(
      `inline; filename="${file.name}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    const bytes = new Uint8Array(await whole.arrayBuffer());

    const part = await fetch(file.download_url, { headers: { Range: 'bytes=5-9' } });
    expect(part.status).to.equal(206);
    expect(part.headers.get('Content-Range')).to.equal(`bytes 5-9/${file.size}`);
    expect([...new Uint8Array(await part.arrayBuffer())]).to.deep.equal([...bytes.slice(5, 10)]);
    const tail = await fetch(file.download_url, { headers: { Range: 'bytes=-4' } });
    expect(new TextDecoder().decode(await tail.arrayBuffer())).to.equal('EOF\n');
    expect((await fetch(file.download_url, { headers: { Range: 'bytes=999999-' } })).status).to.equal(416);

    const head = await fetch(file.download_url, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(head.headers.get('Content-Length')).to.equal(String(file.size));

    const unknown = new URL(file.download_url);
    unknown.pathname = '/__sandbox/files/nope/x.pdf';
    expect((await fetch(unknown)).status).to.equal(404);
  });

  it('takes an incoming message of any type, and refuses unknown conversations and types', async () => {
    const conversation = await tenant.createConversation({ messages: 0 });
    const text = await tenant.incoming(conversation.id, { text: 'Are you open?' });
    expect(text).to.include({ direction: 'incoming', type: 'text', text: 'Are you open?', status: null });
    const image = await tenant.incoming(conversation.id, {
      type: 'image',
      caption: 'this one',
      reply_to_message_id: text.id,
    });
    expect(image.file).to.include({ mime_type: 'image/png', caption: 'this one' });
    expect(image.reply_to_message_id).to.equal(text.id);
    const missed = await tenant.incoming(conversation.id, { type: 'call' });
    expect(missed).to.include({ type: 'call', text: 'Missed voice call', file: null });
    const summary = (await tenant.state()).conversations[0];
    expect(summary).to.include({ id: conversation.id, messages: 3, unread_count: 3 });

    const unknown = await call(tenant, 'POST', '/__sandbox/incoming', { conversation_id: 'conv_nope' });
    expect(unknown.status).to.equal(404);
    const badType = await call(tenant, 'POST', '/__sandbox/incoming', {
      conversation_id: conversation.id,
      type: 'sticker',
    });
    expect(badType.status).to.equal(422);
    expect(badType.json.errors).to.have.key('type');
  });

  it('sets a status by hand and refuses unknown ones', async () => {
    const conversation = await tenant.createConversation({ messages: 0 });
    const sent = await call<Message>(tenant, 'POST', `/api/v1/conversations/${conversation.id}/messages`, {
      text: 'hello',
      external_id: crypto.randomUUID(),
    });
    const failed = await tenant.setMessageStatus(sent.json.data.id, 'failed', 'Content too large to send');
    expect(failed).to.include({ status: 'failed', error: 'Content too large to send' });
    // The receipts that were still due are dropped. Only a quiet stretch past their due time shows it;
    // a loaded server firing them later can only make this pass.
    await new Promise((resolve) => setTimeout(resolve, fastTimings.receiptReadMs + 200));
    expect((await messages(tenant, conversation.id)).items[0]).to.include({ status: 'failed' });
    const refused = await call(tenant, 'PATCH', `/__sandbox/messages/${sent.json.data.id}`, {
      status: 'seen',
    });
    expect(refused.status).to.equal(422);
    expect((await call(tenant, 'PATCH', '/__sandbox/messages/nope', { status: 'read' })).status).to.equal(
      404,
    );
  });

  it('validates the new scenario switches', async () => {
    const refused = await call(tenant, 'POST', '/__sandbox/scenario', {
      message_failure: '',
      max_file_bytes: 0,
      chatty: 10,
      echo_delay_ms: -1,
      send_answer_delay_ms: 'soon',
      timings: { receiptReadMs: -5 },
    });
    expect(refused.status).to.equal(422);
    expect(refused.json.errors).to.have.all.keys(
      'message_failure',
      'max_file_bytes',
      'chatty',
      'echo_delay_ms',
      'send_answer_delay_ms',
      'timings.receiptReadMs',
    );
    const scenario = await call<Record<string, unknown>>(tenant, 'POST', '/__sandbox/scenario', {
      chatty: true,
    });
    expect(scenario.json.data).to.include({
      chatty: 5000,
      message_failure: null,
      max_file_bytes: 100 * 1024 * 1024,
      echo_delay_ms: 0,
      send_answer_delay_ms: 0,
    });
    expect(scenario.json.data['timings']).to.include({ receiptDeliveredMs: 200, receiptReadMs: 400 });
  });

  it('logs uploads by their fields, injects failures on the new routes, and 400s a send that is not multipart', async () => {
    const conversation = await tenant.createConversation({ messages: 0 });
    const path = `/api/v1/conversations/${conversation.id}/files`;
    await tenant.scenario({ failures: [{ method: 'POST', path, status: 503 }] });
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4 test'], { type: 'application/pdf' }), 'test.pdf');
    form.append('external_id', 'upload-1');
    form.append('caption', 'the test');
    const send = () => fetch(path, { method: 'POST', headers: { 'X-Api-Key': tenant.apiKey }, body: form });
    expect((await send()).status).to.equal(503);
    expect((await send()).status).to.equal(200);
    const logged = (await tenant.requests()).filter((request: LoggedRequest) => request.path === path);
    expect(logged.map((request) => request.status)).to.deep.equal([503, 200]);
    for (const request of logged) {
      expect(request.body).to.deep.equal({
        file: { name: 'test.pdf', mime_type: 'application/pdf', size: 13 },
        external_id: 'upload-1',
        caption: 'the test',
      });
    }
    const json = await call(tenant, 'POST', path, { external_id: 'x' });
    expect(json.status).to.equal(400);
    expect(json.json.success).to.equal(false);
  });

  it('reset forgets conversations, their files, and stops the chatty contact', async () => {
    const conversation = await tenant.createConversation({ messages: 2, all_types: true });
    const { items } = await messages(tenant, conversation.id);
    const url = items.find((message) => message.file)!.file!.download_url;
    expect((await fetch(url)).status).to.equal(200);
    await tenant.scenario({ chatty: 100 });
    await waitUntil(async () => (await tenant.state()).conversations[0].messages > items.length, 'chatty', {
      timeout: 5000,
    });

    const reset = await tenant.reset();
    expect(reset.conversations).to.deep.equal([]);
    expect(reset.scenario).to.include({ chatty: 0 });
    expect((await fetch(url)).status).to.equal(404);
    expect((await call(tenant, 'GET', `/api/v1/conversations/${conversation.id}/messages`)).status).to.equal(
      404,
    );
    const after = await tenant.createConversation({ messages: 0 });
    expect(after.id).to.not.equal(conversation.id);
    // Several of the chatty contact's periods: only a quiet stretch shows it stopped.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await tenant.state()).conversations[0]).to.include({ messages: 0 });
  });
});
