/**
 * Every word the elements show or say goes through the localization layer: under a pseudo-language in
 * which each string is wrapped in ⟦…⟧, nothing but wrapped text, numbers, punctuation, symbols and
 * the user's own data is left. Numbers, dates and times come from `Intl` in the element's language.
 */
import { expect, oneEvent } from '@open-wc/testing';
import '../src/index.js';
import { registerLocale } from '../src/index.js';
import { ar } from '../src/i18n/ar.js';
import { en, type Strings } from '../src/i18n/en.js';
import type { AccountsList } from '../src/elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from '../src/elements/channel-connect/channel-connect.component.js';
import type { ConversationView } from '../src/elements/conversation-view/conversation-view.component.js';
import type { QrScanner } from '../src/elements/qr-scanner/qr-scanner.component.js';
import './helpers/lit-warnings.js';
import {
  deepQuery,
  nestedPart,
  part,
  place,
  shadow,
  text,
  waitFor,
  type LitLike,
} from './helpers/elements.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';
import { isOutgoing, messageRows } from './helpers/conversation-view.js';

/** A pseudo-locale tag (the one Android and Windows use for pseudo-localization), so `Intl` takes it. */
const PSEUDO = 'en-XA';

const wrap = (value: string) => `⟦${value}⟧`;

/** `en` with every string wrapped, whatever its shape: text, list of texts, or function giving text. */
function pseudo(strings: Strings): Strings {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') wrapped[key] = wrap(value);
    else if (Array.isArray(value)) wrapped[key] = value.map((item: string) => wrap(item));
    else if (typeof value === 'function') {
      wrapped[key] = (...args: unknown[]) => wrap(String((value as (...a: unknown[]) => unknown)(...args)));
    } else wrapped[key] = value;
  }
  return wrapped as Strings;
}

/** What is the user's (names, message texts) or `Intl`'s (times, days, countries): not ours to translate. */
const NOT_OURS = 'style, option, time, bdi, [part~="day"], .text, .quote-text, .conversation-preview';
const LABELS = ['aria-label', 'title', 'placeholder', 'alt'];
/** The backend's own messages, which the elements show as they come (the sandbox speaks English). */
const SERVER_TEXTS = ['The verification code is incorrect.'];

/** Each text and label in `root` and the shadow roots in it, with the wrapped strings taken out. */
function unwrapped(root: ShadowRoot | Element, found: string[] = []): string[] {
  const strip = (value: string) => {
    let rest = value;
    for (let previous = ''; previous !== rest;) {
      previous = rest;
      rest = rest.replace(/⟦[^⟦⟧]*⟧/g, '');
    }
    for (const server of SERVER_TEXTS) rest = rest.replace(server, '');
    return rest.trim();
  };
  const visit = (node: Node) => {
    if (node instanceof Element) {
      if (node.matches(NOT_OURS)) return;
      for (const name of LABELS) {
        const value = node.getAttribute(name);
        if (value && !/^[\s\d\p{P}\p{S}]*$/u.test(strip(value))) found.push(`${name}="${value}"`);
      }
      if (node.shadowRoot) unwrapped(node.shadowRoot, found);
    } else if (node.nodeType === Node.TEXT_NODE) {
      const rest = strip(node.textContent ?? '');
      if (!/^[\s\d\p{P}\p{S}]*$/u.test(rest)) found.push(`"${(node.textContent ?? '').trim()}"`);
    }
    // A sentence around an isolated value (a <bdi>) is one string split in two text nodes: check them joined.
    if (node instanceof Element && [...node.children].some((child) => child.localName === 'bdi')) {
      const sentence = [...node.childNodes]
        .filter((child) => child.nodeType === Node.TEXT_NODE)
        .map((child) => child.textContent ?? '')
        .join('');
      if (!/^[\s\d\p{P}\p{S}]*$/u.test(strip(sentence))) found.push(`"${sentence.trim()}"`);
      for (const child of node.children) visit(child);
      return;
    }
    for (const child of node.childNodes) visit(child);
  };
  for (const child of root.childNodes) visit(child);
  if (root instanceof Element && root.shadowRoot) unwrapped(root.shadowRoot, found);
  return found;
}

function expectAllLocalized(el: LitLike, state: string): void {
  expect(unwrapped(el), `<${el.localName}> ${state}: text not from the strings`).to.deep.equal([]);
}

describe('every string through the localization layer', () => {
  let tenant: SandboxTenant;

  before(() => registerLocale(PSEUDO, pseudo(en)));

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 20_000, scanToCompleteMs: 2000 },
      multiple_accounts: true,
    });
  });

  async function inPseudo<T extends LitLike>(
    tag: string,
    options: Parameters<typeof place>[2] = {},
  ): Promise<T> {
    const el = await place<T>(tag, tenant, options);
    el.parentElement!.setAttribute('lang', PSEUDO);
    await waitFor(() => text(part(el, 'base')).includes('⟦'), 'not in the pseudo-language');
    return el;
  }

  it('<qr-scanner>: code, scanned, linked, already linked', async function () {
    this.timeout(30_000);
    const el = await inPseudo<QrScanner>('qr-scanner', {
      attributes: { channel: 'whatsapp' },
      properties: { pollInterval: 300 },
    });
    await waitFor(() => deepQuery(el, 'svg[role="img"]'), 'no code');
    expectAllLocalized(el, 'code');
    await tenant.control('POST', 'scan', { account_id: el.accountId, username: '+966501234567' });
    await waitFor(() => el.phase === 'scanned', 'not scanned');
    await el.updateComplete;
    expectAllLocalized(el, 'scanned');
    await waitFor(() => el.phase === 'connected', 'not linked');
    await el.updateComplete;
    expectAllLocalized(el, 'linked');
    await tenant.scenario({ multiple_accounts: false });
    const conflict = await inPseudo<QrScanner>('qr-scanner', { attributes: { channel: 'whatsapp' } });
    await waitFor(() => conflict.phase === 'error', 'no 409');
    await conflict.updateComplete;
    expectAllLocalized(conflict, 'already linked');
  });

  it('<channel-connect> and the <instagram-2fa> in it: picker, errors, verification, linked', async function () {
    this.timeout(30_000);
    const picker = await inPseudo<ChannelConnect>('channel-connect');
    expectAllLocalized(picker, 'picker');
    const el = await inPseudo<ChannelConnect>('channel-connect', { attributes: { channels: 'instagram' } });
    shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => shadow(el).querySelector('[aria-invalid="true"]'), 'no field errors');
    expectAllLocalized(el, 'required fields');
    shadow(el).querySelector<HTMLInputElement>('input[name="username"]')!.value = '12345';
    shadow(el).querySelector<HTMLInputElement>('input[name="password"]')!.value = 'secret';
    shadow(el).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => nestedPart(el, 'instagram-2fa', 'input'), 'no verification step');
    const code = nestedPart<HTMLInputElement>(el, 'instagram-2fa', 'input')!;
    code.value = '000000';
    deepQuery<HTMLButtonElement>(part(el, 'instagram-2fa')!, 'button[type="submit"]')!.click();
    await waitFor(() => code.getAttribute('aria-invalid') === 'true', 'the wrong code was not refused');
    expectAllLocalized(el, 'wrong code');
    code.value = '123456';
    const linked = oneEvent(el, 'inbox-connected');
    deepQuery<HTMLButtonElement>(part(el, 'instagram-2fa')!, 'button[type="submit"]')!.click();
    await linked;
    await el.updateComplete;
    expectAllLocalized(el, 'linked');
  });

  it('<accounts-list>: accounts of every status, confirmation, panel', async function () {
    this.timeout(30_000);
    for (const [index, sync_status] of ['OK', 'CONNECTING', 'ERROR', 'STOPPED', 'CREDENTIALS'].entries()) {
      await tenant.addChannel({ type: 'whatsapp', username: `+96650000000${index}`, sync_status });
    }
    await tenant.addChannel({ type: 'telegram', username: '+966511111111', sync_status: 'CREATION_FAIL' });
    const el = await inPseudo<AccountsList>('accounts-list');
    await waitFor(() => shadow(el).querySelectorAll('[part="account"]').length === 6, 'no accounts');
    expectAllLocalized(el, 'list');
    shadow(el).querySelector<HTMLButtonElement>('.disconnect')!.click();
    await waitFor(() => part(el, 'confirm'), 'no confirmation');
    expectAllLocalized(el, 'confirmation');
    shadow(el).querySelector<HTMLButtonElement>('.add')!.click();
    await waitFor(() => deepQuery(el, '.channel-option'), 'no panel');
    expectAllLocalized(el, 'panel');
  });

  it('<conversation-view>: list, thread, reply, delete confirmation', async function () {
    this.timeout(30_000);
    const conversation = await tenant.createConversation({ messages: 8 });
    const el = await inPseudo<ConversationView>('conversation-view', {
      style: 'inline-size: 900px; --inbox-conversation-height: 600px',
      properties: { pollInterval: 60_000 },
    });
    await waitFor(() => part(el, 'conversation'), 'no conversations');
    expectAllLocalized(el, 'list');
    shadow(el).querySelector<HTMLButtonElement>(`[data-id="${conversation.id}"]`)!.click();
    await waitFor(() => part(el, 'bubble'), 'no messages');
    expectAllLocalized(el, 'thread');
    messageRows(el)
      .filter((row) => !isOutgoing(row))
      .map((row) => row.querySelector<HTMLButtonElement>(`button[aria-label^="⟦${en.messageReplyTo('')}"]`))
      .find(Boolean)!
      .click();
    const replyChip = () =>
      shadow(el).querySelector(`[part="composer"] button[aria-label="${wrap(en.composerCancelReply)}"]`)
        ?.parentElement;
    await waitFor(() => replyChip(), 'no reply chip');
    // The chip quotes the message: its own words are the one string in it.
    expect(text(replyChip()!.querySelector('span'))).to.match(/^⟦.*⟧/);
    const deletable = shadow(el).querySelector<HTMLButtonElement>(
      `button[aria-label="${wrap(en.messageDelete)}"]`,
    );
    if (deletable) {
      deletable.click();
      await waitFor(() => shadow(el).querySelector('[part="bubble"] [role="group"]'), 'no confirmation');
    }
    const chip = replyChip()!.querySelector('span')!;
    chip.remove();
    expectAllLocalized(el, 'reply and delete confirmation');
  });

  it('writes counts with Intl grouping in English, and times and numbers in Arabic digits in Arabic', async () => {
    expect(en.conversationsUnread(1234)).to.equal('1,234 unread messages');
    expect(en.threadJumpToLatestCount(2500)).to.equal('2,500 new messages');
    expect(en.threadAnnounceNew(1200, 'Sara')).to.equal('1,200 new messages from Sara');
    expect(en.accountsFilterAll(1500)).to.equal('All (1,500)');
    expect(ar.conversationsUnread(12)).to.contain(new Intl.NumberFormat('ar').format(12));

    const conversation = await tenant.createConversation({ messages: 4 });
    const el = await place<ConversationView>('conversation-view', tenant, {
      look: { dir: 'rtl' },
      style: 'inline-size: 900px; --inbox-conversation-height: 600px',
      properties: { pollInterval: 60_000 },
    });
    await waitFor(() => part(el, 'conversation'), 'no conversations');
    shadow(el).querySelector<HTMLButtonElement>(`[data-id="${conversation.id}"]`)!.click();
    await waitFor(() => part(el, 'bubble'), 'no messages');
    const times = [...shadow(el).querySelectorAll('time')].map((time) => text(time));
    expect(times.length).to.be.greaterThan(0);
    // The digits Intl writes Arabic with (Arabic-Indic in today's data), not the English ones.
    const digits = new Intl.NumberFormat('ar', { useGrouping: false }).format(1234567890);
    for (const time of times) {
      for (const char of time.replace(/[^\p{Nd}]/gu, '')) expect(digits, `"${time}"`).to.include(char);
    }
  });
});
