/**
 * How <conversation-view> looks: ticks, icons, file sizes, avatars, the thread header and loading
 * placeholders, checked in the rendered element against the sandbox.
 */
import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { fileSize } from '../../src/elements/conversation-view/message-content.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import {
  conversationButton,
  listReady,
  messageRows,
  mount,
  open,
  replyChip,
  shadow,
  statusOf,
  text,
  threadReady,
} from '../helpers/conversation-view.js';

const EMOJI = /\p{Extended_Pictographic}/u;

describe('<conversation-view> look', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('puts time and tick on one line, and draws delivered and read ticks differently', async () => {
    const conversation = await tenant.createConversation({ messages: 3, all_types: true });
    const el = await mount(tenant);
    await open(el, conversation.id);
    const withStatus = (status: 'delivered' | 'read') => {
      const row = messageRows(el).find((candidate) => statusOf(candidate) === en.messageStatus(status));
      if (!row) throw new Error(`no ${status} message`);
      return row;
    };
    const delivered = withStatus('delivered');
    const read = withStatus('read');
    for (const row of [delivered, read]) {
      const time = row.querySelector('time')!.getBoundingClientRect();
      const tick = row.querySelector('[role="img"]')!.getBoundingClientRect();
      const middle = (rect: DOMRect) => (rect.top + rect.bottom) / 2;
      expect(Math.abs(middle(time) - middle(tick)), 'tick and time not on one line').to.be.below(3);
      expect(tick.height, 'the tick is taller than its line').to.be.below(time.height * 1.6);
    }
    const look = (row: HTMLElement) => {
      const tick = row.querySelector('[role="img"]')!;
      const path = tick.querySelector('path');
      return [getComputedStyle(tick).color, path ? getComputedStyle(path).strokeWidth : ''].join(' ');
    };
    expect(look(delivered)).to.not.equal(look(read));
  });

  it('draws its icons as SVG, never as emoji (attach, pending, delete, kind of a quoted message, call, download)', async () => {
    const conversation = await tenant.createConversation({ messages: 3, all_types: true });
    const el = await mount(tenant);
    await open(el, conversation.id);
    const root = shadow(el);
    const places: Element[] = [
      root.querySelector('[part="composer"] label')!,
      ...root.querySelectorAll('[role="img"]'),
      ...root.querySelectorAll(`button[aria-label="${en.messageDelete}"]`),
      ...root.querySelectorAll(`a[aria-label^="${en.messageDownload('')}"]`),
    ];
    const call = messageRows(el).find((row) => text(row).includes(en.messageCallIncoming));
    if (call) places.push(call.querySelector('[part="bubble"] p')!);
    expect(
      root.querySelectorAll(`[role="img"][aria-label="${en.messageStatus('pending')}"]`).length,
    ).to.be.above(0);
    expect(root.querySelectorAll(`button[aria-label="${en.messageDelete}"]`).length).to.be.above(0);
    for (const place of places) {
      expect(EMOJI.test(place.textContent ?? ''), `emoji in ${place.outerHTML.slice(0, 120)}`).to.equal(
        false,
      );
      expect(place.querySelector('svg'), `no icon in ${place.outerHTML.slice(0, 120)}`).to.not.equal(null);
    }

    // The summary of a quoted document in the reply chip: an icon and its name, no emoji.
    const documentRow = messageRows(el).find((row) =>
      row.querySelector(`a[aria-label^="${en.messageDownload('')}"]`),
    )!;
    documentRow.querySelector<HTMLButtonElement>(`button[aria-label^="${en.messageReplyTo('')}"]`)!.click();
    await waitUntil(() => replyChip(el), 'no reply chip');
    const chip = replyChip(el)!;
    expect(EMOJI.test(chip.textContent ?? '')).to.equal(false);
    expect(chip.querySelector('svg')).to.not.equal(null);
  });

  it("writes file sizes with Intl units in the element's language", () => {
    expect(fileSize(900, 'en')).to.equal('900 bytes');
    expect(fileSize(1, 'en')).to.equal('1 byte');
    expect(fileSize(10_500_000, 'en')).to.equal('10.5 MB');
    const arabic = fileSize(900, 'ar');
    expect(arabic).to.not.include('byte');
    expect(arabic).to.equal(
      new Intl.NumberFormat('ar', { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(900),
    );
  });

  it("shows the contact's picture through safeUrl, and initials when there is none or it is not safe", async () => {
    const picture = new URL('/__sandbox/avatars/200/PP.svg', location.origin).href;
    const pictured = await tenant.createConversation({
      contact: { name: 'Pia Pictured', avatar_url: picture },
    });
    const plain = await tenant.createConversation({ contact: { name: 'Nadia Noor', avatar_url: null } });
    const unsafe = await tenant.createConversation({
      contact: { name: 'Evil Eve', avatar_url: 'javascript:alert(1)' },
    });
    const el = await mount(tenant);
    await listReady(el);
    // The picture or initials: the first decorative thing in the conversation's button.
    const avatarOf = (id: string) =>
      conversationButton(el, id)!.querySelector<HTMLElement>('[aria-hidden="true"]')!;

    const image = avatarOf(pictured.id).querySelector('img')!;
    expect(image.getAttribute('src')).to.equal(picture);
    await waitUntil(() => image.complete && image.naturalWidth > 0, 'the picture did not load');
    expect(image.hidden).to.equal(false);

    expect(avatarOf(plain.id).querySelector('img')).to.equal(null);
    expect(text(avatarOf(plain.id))).to.equal('NN');
    expect(avatarOf(unsafe.id).querySelector('img')).to.equal(null);
    expect(text(avatarOf(unsafe.id))).to.equal('EE');
    expect(avatarOf(plain.id).getAttribute('aria-hidden')).to.equal('true');
  });

  it("heads the thread with the contact's number and the account the conversation came in on", async () => {
    const conversation = await tenant.createConversation({
      contact: { name: 'Hana Header', phone: '+966560214812', username: null },
      messages: 2,
    });
    const el = await mount(tenant);
    await open(el, conversation.id);
    const header = shadow(el).querySelector('[part="thread-header"]')!;
    await waitUntil(() => text(header).includes(en.channelName('whatsapp')), 'no account in the header');
    expect(text(header)).to.include('Hana Header');
    const number = [...header.querySelectorAll('bdi')].find((bdi) => text(bdi) === '+966560214812');
    expect(number, 'the number is not shown, isolated left to right').to.not.equal(undefined);
    expect(number!.getAttribute('dir')).to.equal('ltr');
    const channels = (await (
      await fetch(`${tenant.baseUrl}/api/v1/channels`, { headers: { 'X-Api-Key': tenant.apiKey } })
    ).json()) as { data: { id: number; type: 'whatsapp'; username: string | null }[] };
    const account = channels.data.find((channel) => channel.id === conversation.channel_id)!;
    expect(text(header)).to.include(
      en.threadVia(en.accountsAccountName(en.channelName(account.type), account.username)),
    );
  });

  it('shows placeholders in the shape of conversations and messages while they load', async () => {
    const conversation = await tenant.createConversation({ messages: 4 });
    await tenant.scenario({
      failures: [
        { method: 'GET', path: '/api/v1/conversations', delay_ms: 1500 },
        { method: 'GET', path: `/api/v1/conversations/${conversation.id}/messages`, delay_ms: 1500 },
      ],
    });
    const el = await mount(tenant);
    const root = shadow(el);
    await waitUntil(
      () => root.querySelector('[part="conversations"] [aria-hidden="true"] li'),
      'no list placeholder',
    );
    const placeholders = [...root.querySelectorAll('[part="conversations"] [aria-hidden="true"] li')];
    expect(placeholders.length).to.be.above(2);
    for (const item of placeholders) {
      // A round picture and two lines of text, like a conversation.
      const [picture, lines] = [...item.children] as HTMLElement[];
      expect(getComputedStyle(picture).borderRadius).to.equal('50%');
      expect(picture.getBoundingClientRect().width).to.be.above(20);
      expect([...lines.children].map((line) => line.getBoundingClientRect().height > 0)).to.deep.equal([
        true,
        true,
      ]);
    }
    expect(text(root.querySelector('[part="status"][role="status"]'))).to.equal(en.conversationsLoading);

    await listReady(el);
    conversationButton(el, conversation.id)!.click();
    await waitUntil(
      () => root.querySelector('[part="thread"] [aria-hidden="true"] > *'),
      'no thread placeholder',
    );
    // Bubbles on both sides, like a conversation's messages.
    const bubbles = [...root.querySelectorAll('[part="thread"] [aria-hidden="true"] > * > *')];
    const sides = new Set(bubbles.map((bubble) => Math.round(bubble.getBoundingClientRect().left) > 400));
    expect(sides.size).to.equal(2);
    expect(bubbles.length).to.be.above(2);
    expect(text(root.querySelector('[part="thread"] [part="status"][role="status"]'))).to.equal(
      en.threadLoading,
    );
    await threadReady(el);
  });
});
