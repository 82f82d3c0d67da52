/**
 * WCAG 2.1 AA across the elements: axe in each state of each element in both themes and both directions,
 * flows completed with the keyboard alone with the focus where it should be, and status changes told
 * through live regions without flooding.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import { ar } from '../src/i18n/ar.js';
import { en } from '../src/i18n/en.js';
import type { AccountsList } from '../src/elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from '../src/elements/channel-connect/channel-connect.component.js';
import type { ConversationView } from '../src/elements/conversation-view/conversation-view.component.js';
import type { QrScanner } from '../src/elements/qr-scanner/qr-scanner.component.js';
import { servicesFor } from '../src/config/services.js';
import './helpers/lit-warnings.js';
import {
  deepActive,
  deepQuery,
  LOOKS,
  nestedPart,
  lookName,
  place,
  pressUntil,
  recordAnnouncements,
  shadow,
  text,
  waitFor,
} from './helpers/elements.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';
import { bubbleOf, isOutgoing, messageRows, replyChip } from './helpers/conversation-view.js';

async function startInstagramLogin(tenant: SandboxTenant, username: string): Promise<string> {
  const response = await fetch(`${tenant.baseUrl}/api/v1/channels/instagram/connect`, {
    method: 'POST',
    headers: { 'X-Api-Key': tenant.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'secret' }),
  });
  const json = (await response.json()) as { data: { account_id: string } };
  return json.data.account_id;
}

function setValue(input: HTMLInputElement | null, value: string): void {
  if (!input) throw new Error('no input');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function politeRegion(el: Element): HTMLElement {
  const found = shadow(el).querySelector<HTMLElement>(
    '[role="status"][aria-live="polite"], .visually-hidden[role="status"]',
  );
  if (!found) throw new Error(`<${el.localName}> has no live region`);
  return found;
}

function messageRow(el: ConversationView, content: string): HTMLElement {
  const rows = messageRows(el).filter((row) => text(bubbleOf(row)).includes(content));
  if (rows.length !== 1) throw new Error(`${rows.length} rows show "${content}"`);
  return rows[0];
}

async function openConversation(el: ConversationView, id: string): Promise<void> {
  await waitFor(() => shadow(el).querySelector(`[part="conversation"][data-id="${id}"]`), 'not listed');
  shadow(el).querySelector<HTMLButtonElement>(`[part="conversation"][data-id="${id}"]`)!.click();
  await waitFor(() => shadow(el).querySelector('[part="messages"] [role="list"]'), 'the thread did not load');
}

describe('accessibility', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  describe('axe finds nothing in any state, in both themes and both directions', () => {
    for (const look of LOOKS) {
      it(`<qr-scanner> (${lookName(look)}): code, scanned, linked, already linked, expired`, async function () {
        this.timeout(60_000);
        await tenant.scenario({
          timings: {
            ...fastTimings,
            whatsappFirstQrMs: 20_000,
            scanToCompleteMs: 3000,
            telegramQrMs: 1500,
            telegramQrCount: 1,
          },
        });
        const el = await place<QrScanner>('qr-scanner', tenant, {
          look,
          attributes: { channel: 'whatsapp' },
          properties: { pollInterval: 300 },
        });
        await waitFor(() => el.phase === 'waiting' && deepQuery(el, 'svg[role="img"]'), 'no code');
        await expect(el).to.be.accessible();
        await tenant.scan(el.accountId!);
        await waitFor(() => el.phase === 'scanned', 'not scanned');
        await el.updateComplete;
        await expect(el).to.be.accessible();
        await waitFor(() => el.phase === 'connected', 'not linked');
        await el.updateComplete;
        await expect(el).to.be.accessible();

        const conflict = await place<QrScanner>('qr-scanner', tenant, {
          look,
          attributes: { channel: 'whatsapp' },
          properties: { pollInterval: 300 },
        });
        await waitFor(() => conflict.phase === 'error', 'no 409');
        await conflict.updateComplete;
        await expect(conflict).to.be.accessible();

        const expiring = await place<QrScanner>('qr-scanner', tenant, {
          look,
          attributes: { channel: 'telegram' },
          properties: { pollInterval: 300 },
        });
        await waitFor(() => expiring.phase === 'expired', 'the code did not expire');
        await expiring.updateComplete;
        await expect(expiring).to.be.accessible();
      });

      it(`<instagram-2fa> (${lookName(look)}): asking, wrong code, linked`, async function () {
        this.timeout(30_000);
        const accountId = await startInstagramLogin(tenant, `axe_${look.theme}_${look.dir}`);
        const el = await place('instagram-2fa', tenant, {
          look,
          attributes: { 'account-id': accountId, 'checkpoint-type': 'SMS', 'resend-cooldown': '0' },
        });
        await expect(el).to.be.accessible();
        setValue(deepQuery<HTMLInputElement>(el, 'input'), '000000');
        deepQuery<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await waitFor(() => deepQuery(el, 'input[aria-invalid="true"]'), 'the wrong code was not refused');
        await expect(el).to.be.accessible();
        const connected = oneEvent(el, 'inbox-connected');
        setValue(deepQuery<HTMLInputElement>(el, 'input'), '123456');
        deepQuery<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
        await connected;
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it(`<channel-connect> (${lookName(look)}): picker, sign-in errors, verification, linked, QR step`, async function () {
        this.timeout(40_000);
        const picker = await place<ChannelConnect>('channel-connect', tenant, { look });
        await expect(picker).to.be.accessible();

        const el = await place<ChannelConnect>('channel-connect', tenant, {
          look,
          attributes: { channels: 'instagram' },
        });
        const submit = () => shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
        submit().click();
        await waitFor(() => shadow(el).querySelector('[aria-invalid="true"]'), 'no field errors');
        await expect(el).to.be.accessible();
        setValue(shadow(el).querySelector('input[name="username"]'), `axe_${look.theme}_${look.dir}`);
        setValue(shadow(el).querySelector('input[name="password"]'), 'wrong');
        submit().click();
        // The password field is already marked from the empty submit: wait for the answer itself.
        await waitUntil(
          async () =>
            (await tenant.requests()).some((request) => request.status === 422) &&
            submit().getAttribute('aria-busy') === 'false',
          'not refused',
          { timeout: 8000 },
        );
        await expect(el).to.be.accessible();
        setValue(shadow(el).querySelector('input[name="password"]'), 'right');
        submit().click();
        await waitFor(() => nestedPart(el, 'instagram-2fa', 'input'), 'no verification step');
        await expect(el).to.be.accessible();
        const twoFactor = shadow(el).querySelector('[part="instagram-2fa"]')!;
        setValue(deepQuery<HTMLInputElement>(twoFactor, 'input'), '123456');
        const connected = oneEvent(el, 'inbox-connected');
        deepQuery<HTMLButtonElement>(twoFactor, 'button[type="submit"]')!.click();
        await connected;
        await el.updateComplete;
        await expect(el).to.be.accessible();

        const qr = await place<ChannelConnect>('channel-connect', tenant, {
          look,
          attributes: { channels: 'whatsapp' },
        });
        await waitFor(() => deepQuery(qr, 'svg[role="img"]'), 'no QR code');
        await expect(qr).to.be.accessible();
      });

      it(`<accounts-list> (${lookName(look)}): list, confirmation, failed action, panel, empty`, async function () {
        this.timeout(30_000);
        await tenant.addChannel({ type: 'whatsapp', username: '+966500000001', sync_status: 'ERROR' });
        await tenant.addChannel({ type: 'telegram', username: '@shop', sync_status: 'STOPPED' });
        await tenant.addChannel({ type: 'instagram', username: 'my_brand' });
        const el = await place<AccountsList>('accounts-list', tenant, { look });
        await waitFor(() => shadow(el).querySelectorAll('[part="account"]').length === 3, 'no accounts');
        await expect(el).to.be.accessible();

        shadow(el).querySelector<HTMLButtonElement>('.disconnect')!.click();
        await waitFor(() => shadow(el).querySelector('[part="confirm"]'), 'no confirmation');
        await expect(el).to.be.accessible();
        shadow(el).querySelector<HTMLButtonElement>('.confirm-cancel')!.click();

        await tenant.scenario({
          failures: [{ method: 'POST', path: '/api/v1/channels/telegram/refresh', status: 500 }],
        });
        const telegramRow = shadow(el).querySelectorAll<HTMLElement>('[part="account"]')[1];
        telegramRow.querySelector<HTMLButtonElement>('.refresh')!.click();
        await waitFor(() => shadow(el).querySelector('[part="message"]'), 'no failure shown');
        await expect(el).to.be.accessible();

        shadow(el).querySelector<HTMLButtonElement>('.add')!.click();
        await waitFor(() => deepQuery(el, '.channel-option'), 'no panel');
        await expect(el).to.be.accessible();

        const empty = await place<AccountsList>('accounts-list', tenant, {
          look,
          attributes: { channels: 'telegram' },
        });
        await tenant.reset();
        await tenant.scenario({ timings: fastTimings });
        await empty.reload();
        await waitFor(() => shadow(empty).querySelector('[part="empty"]'), 'no empty state');
        await expect(empty).to.be.accessible();
      });

      it(`<conversation-view> (${lookName(look)}): list, every message type, reply, delete confirmation, error`, async function () {
        this.timeout(40_000);
        const conversation = await tenant.createConversation({ messages: 4, all_types: true });
        const el = await place<ConversationView>('conversation-view', tenant, {
          look,
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
          properties: { pollInterval: 60_000 },
        });
        await waitFor(() => shadow(el).querySelector('[part="conversation"]'), 'no conversations');
        await expect(el).to.be.accessible();
        await openConversation(el, conversation.id);
        await expect(el).to.be.accessible();

        const s = look.dir === 'rtl' ? ar : en;
        const incoming = messageRows(el)
          .filter((row) => !isOutgoing(row))
          .map((row) => row.querySelector<HTMLElement>(`button[aria-label^="${s.messageReplyTo('')}"]`))
          .find(Boolean)!;
        incoming.click();
        await waitFor(() => replyChip(el, s), 'no reply chip');
        await expect(el).to.be.accessible();

        messageRow(el, "courier's number")
          .querySelector<HTMLButtonElement>(`button[aria-label="${s.messageDelete}"]`)!
          .click();
        await waitFor(
          () => shadow(el).querySelector('[part="bubble"] [role="group"]'),
          'no delete confirmation',
        );
        await expect(el).to.be.accessible();

        await tenant.scenario({
          failures: [{ method: 'GET', path: '/api/v1/conversations', status: 500, times: -1 }],
        });
        const failing = await place<ConversationView>('conversation-view', tenant, {
          look,
          attributes: { 'channel-id': String(conversation.channel_id + 1000) },
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
        });
        await waitFor(() => shadow(failing).querySelector('[role="alert"]'), 'no error state');
        await expect(failing).to.be.accessible();
      });
    }
  });

  describe('keyboard and focus', () => {
    it('<accounts-list>: adds an account with the keyboard alone; the focus lands on the new account', async function () {
      this.timeout(30_000);
      await tenant.scenario({ timings: { ...fastTimings, whatsappFirstQrMs: 20_000 } });
      await tenant.addChannel({ type: 'telegram', username: '@shop' });
      const el = await place<AccountsList>('accounts-list', tenant);
      await waitFor(() => shadow(el).querySelector('[part="account"]'), 'no accounts');
      const before = document.createElement('button');
      before.textContent = 'before';
      el.parentElement!.before(before);
      before.focus();

      await pressUntil((active) => active?.matches('.add') ?? false, { what: 'Add account' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepActive()?.matches('.step-heading'), 'the panel did not take the focus');
      await pressUntil(
        (active) => (active?.matches('.channel-option') && text(active).includes('WhatsApp')) ?? false,
        {
          what: 'WhatsApp',
        },
      );
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepActive()?.matches('.step-heading'), 'the QR step did not take the focus');
      await waitUntil(async () => (await tenant.attempt('whatsapp'))?.qr_code, 'no attempt', {
        timeout: 8000,
      });
      const connected = oneEvent(el, 'inbox-connected');
      await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
      const { detail } = await connected;
      await waitFor(
        () =>
          deepActive()?.closest('[part="account"]')?.getAttribute('data-id') === String(detail.channel.id),
        'the focus did not move to the linked account',
      );
      expect(text(politeRegion(el))).to.contain('WhatsApp');
      before.remove();
    });

    it('<channel-connect>: Back and Cancel keep the focus on the step heading', async () => {
      const el = await place<ChannelConnect>('channel-connect', tenant);
      shadow(el).querySelector<HTMLButtonElement>('.channel-option')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => deepActive()?.matches('.step-heading'), 'the new step did not take the focus');
      await pressUntil((active) => active?.matches('.back') ?? false, { what: 'Back' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => shadow(el).querySelector('[part="picker"]'), 'not back on the picker');
      await waitFor(() => deepActive()?.matches('.step-heading'), 'the focus was lost going back');
    });

    it('<conversation-view>: deletes a message with the keyboard; the focus never falls out of the element', async () => {
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const el = await place<ConversationView>('conversation-view', tenant, {
        style: 'inline-size: 900px; --inbox-conversation-height: 600px',
        properties: { pollInterval: 60_000 },
      });
      await openConversation(el, conversation.id);
      const deleteButton = () =>
        messageRow(el, "courier's number").querySelector<HTMLButtonElement>(
          `.message-actions [aria-label="${en.messageDelete}"]`,
        )!;
      deleteButton().focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => text(deepActive()) === en.messageDeleteCancel, 'the focus did not move to Keep');
      await sendKeys({ press: 'Escape' });
      await waitFor(
        () => !shadow(el).querySelector('[part="bubble"] [role="group"]'),
        'Escape did not close',
      );
      await waitFor(() => deepActive() === deleteButton(), 'the focus did not return to Delete');

      await sendKeys({ press: 'Enter' });
      await waitFor(() => text(deepActive()) === en.messageDeleteCancel, 'the focus did not move to Keep');
      await sendKeys({ press: 'Shift+Tab' });
      expect(text(deepActive())).to.equal(en.messageDeleteConfirmAction);
      await sendKeys({ press: 'Enter' });
      await waitFor(
        () =>
          ![...shadow(el).querySelectorAll('[part="bubble"]')].some((b) =>
            text(b).includes("courier's number"),
          ),
        'not deleted',
      );
      await waitFor(() => deepActive()?.matches('[part="messages"]'), 'the focus fell out of the element');
    });
  });

  describe('live regions', () => {
    it('<qr-scanner> announces the code, each new code, the scan and the link, once each', async function () {
      this.timeout(30_000);
      await tenant.scenario({
        timings: {
          ...fastTimings,
          whatsappFirstQrMs: 1500,
          whatsappNextQrMs: 20_000,
          scanToCompleteMs: 1000,
        },
      });
      const el = await place<QrScanner>('qr-scanner', tenant, {
        attributes: { channel: 'whatsapp' },
        properties: { pollInterval: 300 },
      });
      const announced = recordAnnouncements(politeRegion(el));
      await waitFor(
        () =>
          deepQuery(el, 'svg[role="img"]')?.getAttribute('aria-label') === en.qrImageLabel('WhatsApp', 2, 3),
        'the code did not rotate',
      );
      await tenant.control('POST', 'scan', { account_id: el.accountId, username: '+966501234567' });
      await waitFor(() => el.phase === 'connected', 'not linked');
      await el.updateComplete;
      announced.stop();
      expect(announced.texts).to.deep.equal([
        en.qrShownAnnouncement('WhatsApp'),
        en.qrNewCodeAnnouncement('WhatsApp', 2, 3),
        en.qrScanned,
        en.qrConnectedAs('WhatsApp', '+966501234567'),
      ]);
    });

    describe('<conversation-view>', () => {
      async function live(): Promise<{ el: ConversationView; conversation: { id: string } }> {
        const conversation = await tenant.createConversation({
          messages: 3,
          contact: { name: 'Burst Bashir' },
        });
        const el = await place<ConversationView>('conversation-view', tenant, {
          socket: true,
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
          properties: { pollInterval: 60_000 },
        });
        await openConversation(el, conversation.id);
        const socket = servicesFor({
          baseUrl: tenant.baseUrl,
          apiKey: tenant.apiKey,
          socketUrl: tenant.socketUrl,
        })!.socket!;
        await waitFor(() => socket.state.get() === 'open', 'the socket did not open');
        // A first message over the socket: the inbox topic is joined, and its announcement is out of the way.
        await tenant.incoming(conversation.id, { text: 'Warm-up' });
        await waitFor(
          () => text(politeRegion(el)) === en.threadAnnounceNew(1, 'Burst Bashir'),
          'no first announcement',
        );
        return { el, conversation };
      }

      it('announces a burst of 20 incoming messages once, with their number', async function () {
        this.timeout(30_000);
        const { el, conversation } = await live();
        const announced = recordAnnouncements(politeRegion(el));
        announced.texts.length = 0;
        await tenant.control('POST', 'burst', { conversation_id: conversation.id, count: 20, within_ms: 0 });
        await waitFor(
          () =>
            messageRows(el).filter((row) => !isOutgoing(row)).length >= 21 &&
            text(shadow(el).querySelector('[part="messages"] [role="list"]')).includes('Burst message 20'),
          'the burst was not shown',
        );
        await waitFor(() => announced.texts.length > 0, 'the burst was not announced');
        // A later message is the marker: a second announcement for the burst would come before its own.
        await tenant.incoming(conversation.id, { text: 'After the burst' });
        await waitFor(() => announced.texts.length > 1, 'the later message was not announced');
        announced.stop();
        expect(announced.texts).to.deep.equal([
          en.threadAnnounceNew(20, 'Burst Bashir'),
          en.threadAnnounceNew(1, 'Burst Bashir'),
        ]);
      });

      it('announces a message that could not be sent, and one whose receipt says it failed', async function () {
        this.timeout(30_000);
        const { el, conversation } = await live();
        const announced = recordAnnouncements(politeRegion(el));
        announced.texts.length = 0;
        await tenant.scenario({
          failures: [
            {
              method: 'POST',
              path: `/api/v1/conversations/${conversation.id}/messages`,
              status: 422,
            },
          ],
        });
        const composer = shadow(el).querySelector('textarea')!;
        composer.value = 'Refused';
        shadow(el).querySelector<HTMLButtonElement>('[part="send"]')!.click();
        await waitFor(
          () => announced.texts.some((said) => said.startsWith(en.messageSendFailed(''))),
          'the refusal was not announced',
          15_000,
        );

        await tenant.scenario({ failures: [], message_failure: 'This number is not on WhatsApp.' });
        composer.value = 'Undeliverable';
        shadow(el).querySelector<HTMLButtonElement>('[part="send"]')!.click();
        await waitFor(
          () => announced.texts.includes(en.messageFailedReason('This number is not on WhatsApp.')),
          'the failed receipt was not announced',
        );
        announced.stop();
      });

      it('announces a failed receipt found by polling, without a socket', async () => {
        await tenant.scenario({ timings: { receiptDeliveredMs: 600_000, receiptReadMs: 600_000 } });
        const conversation = await tenant.createConversation({ messages: 3 });
        const el = await place<ConversationView>('conversation-view', tenant, {
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
          properties: { pollInterval: 300 },
        });
        await openConversation(el, conversation.id);
        const composer = shadow(el).querySelector('textarea')!;
        composer.value = 'Out of reach';
        shadow(el).querySelector<HTMLButtonElement>('[part="send"]')!.click();
        await waitFor(
          () =>
            messageRows(el).some(
              (row) => text(row).includes('Out of reach') && !row.dataset.key!.startsWith('local:'),
            ),
          'the message was not sent',
        );
        const announced = recordAnnouncements(politeRegion(el));
        await tenant.setMessageStatus(
          messageRow(el, 'Out of reach').dataset.key!,
          'failed',
          'The phone is switched off.',
        );
        await waitFor(
          () => announced.texts.includes(en.messageFailedReason('The phone is switched off.')),
          'the failed receipt was not announced',
        );
        announced.stop();
      });

      it('does not announce an old failed message that an older page brings in', async function () {
        this.timeout(30_000);
        const conversation = await tenant.createConversation({ messages: 0, all_types: true });
        await tenant.control('POST', 'burst', {
          conversation_id: conversation.id,
          text: 'later',
          count: 60,
          within_ms: 0,
        });
        await waitFor(
          async () =>
            (await tenant.state()).conversations.find((c) => c.id === conversation.id)!.messages >= 60,
          'the later messages did not arrive',
        );
        const el = await place<ConversationView>('conversation-view', tenant, {
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
          properties: { pollInterval: 60_000 },
        });
        await openConversation(el, conversation.id);
        const failedRow = () => messageRows(el).find((row) => text(row).includes(en.messageStatus('failed')));
        expect(failedRow(), 'the failed message is already on the newest page').to.equal(undefined);
        const announced = recordAnnouncements(politeRegion(el));
        const scroller = shadow(el).querySelector<HTMLElement>('[part="messages"]')!;
        await waitFor(() => {
          scroller.scrollTop = 0;
          return failedRow();
        }, 'the older page with the failed message did not load');
        // The update that draws a page is the one that would announce a failure on it.
        await el.updateComplete;
        announced.stop();
        expect(announced.texts.filter((said) => said.includes(en.messageStatus('failed')))).to.deep.equal([]);
      });

      it('gives the message list a list role with one item per row, inside a labelled region', async () => {
        const conversation = await tenant.createConversation({
          messages: 6,
          contact: { name: 'Roles Rania' },
        });
        const el = await place<ConversationView>('conversation-view', tenant, {
          style: 'inline-size: 900px; --inbox-conversation-height: 600px',
          properties: { pollInterval: 60_000 },
        });
        await openConversation(el, conversation.id);
        const messages = shadow(el).querySelector('[part="messages"]')!;
        expect(messages.getAttribute('role')).to.equal('region');
        expect(messages.getAttribute('aria-label')).to.equal(en.threadLabel('Roles Rania'));
        const list = messages.querySelector('[role="list"]')!;
        expect(list.getAttribute('role')).to.equal('list');
        const items = [...list.children];
        expect(items.length).to.be.greaterThan(6);
        expect(items.every((item) => item.getAttribute('role') === 'listitem')).to.equal(true);
        // Each message says who wrote it and when, even where the sender's name is not shown.
        for (const item of messageRows(el)) {
          expect(text(bubbleOf(item).querySelector('bdi'))).to.not.equal('');
          expect(item.querySelector('time')).to.exist;
        }
      });
    });
  });
});
