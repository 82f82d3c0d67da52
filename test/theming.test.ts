/**
 * The look a host controls: `--inbox-*` custom properties and `::part()` rules (through `exportparts`
 * into nested elements) in both themes, light and dark from the system or the `theme` attribute, and
 * right-to-left layout.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/index.js';
import { ar } from '../src/i18n/ar.js';
import { en } from '../src/i18n/en.js';
import type { AccountsList } from '../src/elements/accounts-list/accounts-list.component.js';
import type { ChannelConnect } from '../src/elements/channel-connect/channel-connect.component.js';
import type { ConversationView } from '../src/elements/conversation-view/conversation-view.component.js';
import './helpers/lit-warnings.js';
import {
  deepQuery,
  nestedPart,
  part,
  place,
  shadow,
  text,
  waitFor,
  type Direction,
  type LitLike,
  type Theme,
} from './helpers/elements.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';
import { bubbleOf, isOutgoing, messageRows } from './helpers/conversation-view.js';

const WHITE = 'rgb(255, 255, 255)';
/** The dark theme's default surface, #161b22. */
const DARK_SURFACE = 'rgb(22, 27, 34)';

/** What a host page sets; each value differs from both themes' defaults. */
const HOST_TOKENS = {
  primary: 'rgb(120, 30, 90)',
  surface: 'rgb(250, 245, 230)',
  text: 'rgb(30, 40, 20)',
  radius: '3px',
  font: 'Georgia',
  fontSize: '17px',
  space: 6,
};

const hostStyle = [
  `--inbox-color-primary: ${HOST_TOKENS.primary}`,
  `--inbox-color-surface: ${HOST_TOKENS.surface}`,
  `--inbox-color-text: ${HOST_TOKENS.text}`,
  `--inbox-radius: ${HOST_TOKENS.radius}`,
  `--inbox-font-family: ${HOST_TOKENS.font}`,
  `--inbox-font-size: ${HOST_TOKENS.fontSize}`,
  `--inbox-space: ${HOST_TOKENS.space}px`,
  'inline-size: 900px',
  '--inbox-conversation-height: 500px',
].join('; ');

function style(element: Element | null): CSSStyleDeclaration {
  if (!element) throw new Error('no such element');
  return getComputedStyle(element);
}

function base(el: Element): HTMLElement {
  return shadow(el).querySelector<HTMLElement>('[part~="base"]')!;
}

/** The pieces of each element whose look the tokens decide, once the element shows them. */
const probes: Record<
  string,
  {
    attributes?: Record<string, string>;
    ready: (el: LitLike) => unknown;
    /** An element with the primary colour as its background, if the state shows one. */
    primary?: (el: LitLike) => Element | null;
    /** An element with the radius. */
    rounded: (el: LitLike) => Element | null;
    /** An element padded or spaced by a known multiple of the spacing unit: [element, property, multiple]. */
    spaced: (el: LitLike) => [Element | null, 'paddingTop' | 'rowGap', number];
  }
> = {
  'qr-scanner': {
    attributes: { channel: 'whatsapp' },
    ready: (el) => deepQuery(el, 'svg[role="img"]'),
    rounded: (el) => part(el, 'qr'),
    spaced: (el) => [base(el), 'rowGap', 2],
  },
  'instagram-2fa': {
    attributes: { 'account-id': 'ig_theming', 'checkpoint-type': 'SMS' },
    ready: (el) => part(el, 'input'),
    primary: (el) => deepQuery(el, 'button[type="submit"]'),
    rounded: (el) => part(el, 'input'),
    spaced: (el) => [part(el, 'form'), 'rowGap', 1.5],
  },
  'channel-connect': {
    ready: (el) => part(el, 'picker'),
    rounded: (el) => deepQuery(el, '.channel-option'),
    spaced: (el) => [base(el), 'paddingTop', 2],
  },
  'accounts-list': {
    ready: (el) => part(el, 'account'),
    primary: (el) => deepQuery(el, '.add'),
    rounded: (el) => part(el, 'account'),
    spaced: (el) => [base(el), 'paddingTop', 2],
  },
  'conversation-view': {
    ready: (el) => part(el, 'conversation'),
    rounded: (el) => deepQuery(el, '#search'),
    spaced: (el) => [deepQuery(el, '[part="conversations"] > header'), 'paddingTop', 1.5],
  },
};

describe('theming', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({
      timings: { ...fastTimings, whatsappFirstQrMs: 20_000 },
      multiple_accounts: true,
    });
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('custom properties', () => {
    for (const theme of ['light', 'dark'] as const) {
      it(`a host's --inbox-* properties reach every element (${theme} theme)`, async function () {
        this.timeout(30_000);
        await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
        await tenant.createConversation({ messages: 3 });
        for (const [tag, probe] of Object.entries(probes)) {
          // One at a time: a second QR attempt of a type abandons the first.
          const plain = await place(tag, tenant, { look: { theme }, attributes: probe.attributes });
          await waitFor(() => probe.ready(plain), `<${tag}> did not show its first state`);
          expect(style(base(plain)).backgroundColor, `<${tag}> default surface`).to.equal(
            theme === 'dark' ? DARK_SURFACE : WHITE,
          );
          const plainPrimary = probe.primary && style(probe.primary(plain)).backgroundColor;
          const [plainSpaced, plainProperty, plainMultiple] = probe.spaced(plain);
          expect(style(plainSpaced)[plainProperty], `<${tag}> default spacing`).to.equal(
            `${8 * plainMultiple}px`,
          );
          plain.parentElement!.remove();

          const el = await place(tag, tenant, {
            look: { theme },
            attributes: probe.attributes,
            style: hostStyle,
          });
          await waitFor(() => probe.ready(el), `<${tag}> did not show its first state`);
          expect(style(base(el)).backgroundColor, `<${tag}> surface`).to.equal(HOST_TOKENS.surface);
          expect(style(base(el)).color, `<${tag}> text`).to.equal(HOST_TOKENS.text);
          expect(style(base(el)).fontFamily, `<${tag}> font`).to.equal(HOST_TOKENS.font);
          expect(style(base(el)).fontSize, `<${tag}> font size`).to.equal(HOST_TOKENS.fontSize);
          expect(style(probe.rounded(el)).borderTopLeftRadius, `<${tag}> radius`).to.equal(
            HOST_TOKENS.radius,
          );
          if (probe.primary) {
            expect(style(probe.primary(el)).backgroundColor, `<${tag}> primary`).to.equal(
              HOST_TOKENS.primary,
            );
            expect(plainPrimary).not.to.equal(HOST_TOKENS.primary);
          }
          const [spaced, property, multiple] = probe.spaced(el);
          expect(style(spaced)[property], `<${tag}> spacing`).to.equal(`${HOST_TOKENS.space * multiple}px`);
          el.parentElement!.remove();
        }
      });
    }

    it('--inbox-density scales spacing and control heights, never under a 24px target', async () => {
      const roomy = await place<ChannelConnect>('channel-connect', tenant, { style: '--inbox-density: 1.5' });
      const normal = await place<ChannelConnect>('channel-connect', tenant);
      const compact = await place<ChannelConnect>('channel-connect', tenant, {
        style: '--inbox-density: 0.5',
      });
      const padding = (el: Element) => style(base(el)).paddingTop;
      const cancelHeight = (el: Element) => style(shadow(el).querySelector('.cancel')).minBlockSize;
      expect([roomy, normal, compact].map(padding)).to.deep.equal(['24px', '16px', '8px']);
      expect([roomy, normal, compact].map(cancelHeight)).to.deep.equal(['60px', '40px', '24px']);

      const dense = await place<AccountsList>('accounts-list', tenant, { style: '--inbox-density: 0.75' });
      await tenant.addChannel({ type: 'telegram', username: '@dense' });
      await dense.reload();
      await waitFor(() => part(dense, 'account'), 'no account');
      expect(style(part(dense, 'account')).paddingTop).to.equal('9px');
      expect(style(part(dense, 'actions')).rowGap).to.equal('6px');
    });
  });

  describe('::part', () => {
    let sheet: HTMLStyleElement;

    beforeEach(() => {
      sheet = document.createElement('style');
      sheet.textContent = `
        .part-probe qr-scanner::part(qr) { outline: 4px solid rgb(200, 0, 0); }
        .part-probe instagram-2fa::part(input) { outline: 4px solid rgb(0, 0, 200); }
        .part-probe channel-connect::part(picker) { outline: 4px solid rgb(0, 150, 150); }
        .part-probe channel-connect::part(qr-code) { outline: 4px solid rgb(0, 120, 0); }
        .part-probe channel-connect::part(verify-input) { outline: 4px solid rgb(0, 60, 200); }
        .part-probe accounts-list::part(badge) { outline: 4px solid rgb(150, 150, 0); }
        .part-probe accounts-list::part(connect-picker) { outline: 4px solid rgb(150, 0, 150); }
        .part-probe accounts-list::part(connect-qr-code) { outline: 4px solid rgb(90, 0, 150); }
        .part-probe conversation-view::part(conversation) { outline: 4px solid rgb(60, 60, 60); }
        .part-probe conversation-view::part(bubble) { outline: 4px solid rgb(10, 110, 10); }
      `;
      document.head.append(sheet);
    });

    afterEach(() => sheet.remove());

    const outline = (element: Element | null) => style(element).outlineColor;

    for (const theme of ['light', 'dark'] as const) {
      it(`rules for the parts reach them, through exportparts into nested elements too (${theme} theme)`, async function () {
        this.timeout(40_000);
        const look = { theme };
        const probe = (el: Element) => el.parentElement!.classList.add('part-probe');

        const qr = await place('qr-scanner', tenant, { look, attributes: { channel: 'telegram' } });
        probe(qr);
        await waitFor(() => deepQuery(qr, 'svg[role="img"]'), 'no code');
        expect(outline(part(qr, 'qr'))).to.equal('rgb(200, 0, 0)');

        const twoFactor = await place('instagram-2fa', tenant, {
          look,
          attributes: { 'account-id': 'ig_parts' },
        });
        probe(twoFactor);
        expect(outline(part(twoFactor, 'input'))).to.equal('rgb(0, 0, 200)');

        const connect = await place<ChannelConnect>('channel-connect', tenant, { look });
        probe(connect);
        expect(outline(part(connect, 'picker'))).to.equal('rgb(0, 150, 150)');
        shadow(connect).querySelector<HTMLButtonElement>('.channel-option')!.click();
        await waitFor(() => deepQuery(connect, 'svg[role="img"]'), 'no nested code');
        expect(outline(nestedPart(connect, 'qr-scanner', 'qr'))).to.equal('rgb(0, 120, 0)');

        const instagram = await place<ChannelConnect>('channel-connect', tenant, {
          look,
          attributes: { channels: 'instagram' },
        });
        probe(instagram);
        shadow(instagram).querySelector<HTMLInputElement>('input[name="username"]')!.value = `parts_${theme}`;
        shadow(instagram).querySelector<HTMLInputElement>('input[name="password"]')!.value = 'secret';
        shadow(instagram).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
        await waitFor(() => nestedPart(instagram, 'instagram-2fa', 'input'), 'no verification step');
        expect(outline(nestedPart(instagram, 'instagram-2fa', 'input'))).to.equal('rgb(0, 60, 200)');

        await tenant.addChannel({ type: 'instagram', username: 'parts_list' });
        const accounts = await place<AccountsList>('accounts-list', tenant, {
          look,
          attributes: { channels: 'whatsapp instagram' },
        });
        probe(accounts);
        await waitFor(() => part(accounts, 'badge'), 'no accounts');
        expect(outline(part(accounts, 'badge'))).to.equal('rgb(150, 150, 0)');
        shadow(accounts).querySelector<HTMLButtonElement>('.add')!.click();
        await waitFor(() => deepQuery(accounts, '[part~="picker"]'), 'no panel');
        const nested = part(accounts, 'connect')!;
        expect(outline(part(nested, 'picker'))).to.equal('rgb(150, 0, 150)');
        shadow(nested).querySelector<HTMLButtonElement>('.channel-option')!.click();
        await waitFor(() => deepQuery(nested, 'svg[role="img"]'), 'no code in the panel');
        expect(outline(nestedPart(nested, 'qr-scanner', 'qr'))).to.equal('rgb(90, 0, 150)');

        const conversation = await tenant.createConversation({ messages: 3 });
        const inbox = await place<ConversationView>('conversation-view', tenant, {
          look,
          style: 'inline-size: 900px; --inbox-conversation-height: 500px',
          properties: { pollInterval: 60_000 },
        });
        probe(inbox);
        await waitFor(() => part(inbox, 'conversation'), 'no conversations');
        expect(outline(part(inbox, 'conversation'))).to.equal('rgb(60, 60, 60)');
        shadow(inbox).querySelector<HTMLButtonElement>(`[data-id="${conversation.id}"]`)!.click();
        await waitFor(() => part(inbox, 'bubble'), 'no messages');
        expect(outline(part(inbox, 'bubble'))).to.equal('rgb(10, 110, 10)');
      });
    }
  });

  describe('light and dark', () => {
    it('follows prefers-color-scheme without a theme attribute; the attribute wins over it', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const system = await place<ChannelConnect>('channel-connect', tenant, {
        attributes: { channels: 'whatsapp' },
      });
      const light = await place('channel-connect', tenant, { look: { theme: 'light' } });
      await waitFor(() => deepQuery(system, 'svg[role="img"]'), 'no code');
      expect(style(base(system)).backgroundColor).to.equal(DARK_SURFACE);
      expect(style(base(light)).backgroundColor).to.equal(WHITE);
      // The nested element follows the system too, and its QR code stays black on white.
      const scanner = part(system, 'qr-scanner')!;
      expect(style(base(scanner)).backgroundColor).to.equal(DARK_SURFACE);
      expect(style(part(scanner, 'qr')).backgroundColor).to.equal(WHITE);

      await emulateMedia({ colorScheme: 'light' });
      const dark = await place('channel-connect', tenant, { look: { theme: 'dark' } });
      expect(style(base(system)).backgroundColor).to.equal(WHITE);
      expect(style(base(scanner)).backgroundColor).to.equal(WHITE);
      expect(style(base(dark)).backgroundColor).to.equal(DARK_SURFACE);

      system.theme = 'dark';
      await system.updateComplete;
      expect(system.getAttribute('theme')).to.equal('dark');
      expect(style(base(system)).backgroundColor).to.equal(DARK_SURFACE);
      await waitFor(
        () => scanner.getAttribute('theme') === 'dark',
        'the theme did not reach the nested element',
      );
      expect(style(base(scanner)).backgroundColor).to.equal(DARK_SURFACE);
      system.theme = undefined;
      await system.updateComplete;
      expect(system.hasAttribute('theme')).to.equal(false);
      expect(style(base(system)).backgroundColor).to.equal(WHITE);
    });

    it('passes axe, contrast included, in the dark theme the system asks for', async function () {
      this.timeout(30_000);
      await emulateMedia({ colorScheme: 'dark' });
      await tenant.addChannel({ type: 'whatsapp', username: '+966500000001', sync_status: 'ERROR' });
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const connect = await place<ChannelConnect>('channel-connect', tenant, {
        attributes: { channels: 'whatsapp' },
      });
      await waitFor(() => deepQuery(connect, 'svg[role="img"]'), 'no code');
      expect(style(base(connect)).backgroundColor).to.equal(DARK_SURFACE);
      await expect(connect).to.be.accessible();
      const accounts = await place<AccountsList>('accounts-list', tenant);
      await waitFor(() => part(accounts, 'account'), 'no accounts');
      await expect(accounts).to.be.accessible();
      const inbox = await place<ConversationView>('conversation-view', tenant, {
        style: 'inline-size: 900px; --inbox-conversation-height: 500px',
        properties: { pollInterval: 60_000 },
      });
      await waitFor(() => part(inbox, 'conversation'), 'no conversations');
      shadow(inbox).querySelector<HTMLButtonElement>(`[data-id="${conversation.id}"]`)!.click();
      await waitFor(() => part(inbox, 'bubble'), 'no messages');
      expect(style(base(inbox)).backgroundColor).to.equal(DARK_SURFACE);
      await expect(inbox).to.be.accessible();
    });
  });

  describe('right to left', () => {
    async function thread(dir: Direction, theme: Theme = 'light', width = 900): Promise<ConversationView> {
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const el = await place<ConversationView>('conversation-view', tenant, {
        look: { dir, theme },
        style: `inline-size: ${width}px; --inbox-conversation-height: 600px`,
        properties: { pollInterval: 60_000 },
      });
      await waitFor(() => part(el, 'conversation'), 'no conversations');
      shadow(el).querySelector<HTMLButtonElement>(`[data-id="${conversation.id}"]`)!.click();
      await waitFor(() => part(el, 'bubble'), 'no messages');
      return el;
    }

    /** How far `inner` sits from each side of `outer`. */
    function gaps(inner: Element, outer: Element) {
      const a = inner.getBoundingClientRect();
      const b = outer.getBoundingClientRect();
      return { left: a.left - b.left, right: b.right - a.right };
    }

    for (const dir of ['ltr', 'rtl'] as const) {
      it(`<conversation-view> (${dir}): outgoing bubbles at the inline end, incoming at the start; the composer and selection follow`, async () => {
        const el = await thread(dir);
        const rows = messageRows(el);
        const outgoing = rows.find((row) => isOutgoing(row))!;
        const incoming = rows.find((row) => !isOutgoing(row))!;
        const out = gaps(bubbleOf(outgoing), outgoing);
        const inc = gaps(bubbleOf(incoming), incoming);
        if (dir === 'rtl') {
          expect(out.left, 'outgoing on the left').to.be.lessThan(out.right);
          expect(inc.right, 'incoming on the right').to.be.lessThan(inc.left);
        } else {
          expect(out.right, 'outgoing on the right').to.be.lessThan(out.left);
          expect(inc.left, 'incoming on the left').to.be.lessThan(inc.right);
        }
        // The bubble's tail corner is on the side of its sender.
        // The last of a run of one's own messages: the next message is someone else's, or there is none.
        const closing = rows.find(
          (row, index) => isOutgoing(row) && !(rows[index + 1] && isOutgoing(rows[index + 1])),
        )!;
        const tail = style(bubbleOf(closing));
        expect(dir === 'rtl' ? tail.borderBottomLeftRadius : tail.borderBottomRightRadius).to.equal('2px');

        const send = part(el, 'send')!.getBoundingClientRect();
        const field = shadow(el).querySelector('textarea')!.getBoundingClientRect();
        if (dir === 'rtl') expect(send.right).to.be.at.most(field.left);
        else expect(send.left).to.be.at.least(field.right);

        const selected = style(shadow(el).querySelector('[part="conversation"][aria-current="true"]'));
        expect(dir === 'rtl' ? selected.borderRightWidth : selected.borderLeftWidth).to.equal('3px');
        expect(dir === 'rtl' ? selected.borderLeftWidth : selected.borderRightWidth).to.equal('0px');
        expect(style(part(el, 'conversations')).direction).to.equal(dir);
      });
    }

    it('<conversation-view> mirrors the back arrow in right to left', async () => {
      const el = await thread('rtl', 'dark', 400);
      const back = [...shadow(el).querySelectorAll('[part="thread-header"] button')].find((button) =>
        text(button).includes(ar.threadBack),
      )!;
      const arrow = back.querySelector('[aria-hidden]')!;
      expect(style(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    });

    it('<qr-scanner> in right to left: the code at the inline start, the steps numbered on the right', async () => {
      const el = await place('qr-scanner', tenant, {
        look: { dir: 'rtl' },
        attributes: { channel: 'whatsapp' },
        style: 'inline-size: 640px',
      });
      await waitFor(() => deepQuery(el, 'svg[role="img"]'), 'no code');
      const qr = part(el, 'qr')!.getBoundingClientRect();
      const steps = part(el, 'steps')!;
      expect(qr.left).to.be.greaterThan(steps.getBoundingClientRect().left);
      expect(style(steps).paddingRight).not.to.equal('0px');
      expect(style(steps).paddingLeft).to.equal('0px');
      expect(text(steps)).to.contain(ar.qrStepsWhatsapp[0]);
    });

    it('<accounts-list> in right to left: the status stripe on the right', async () => {
      await tenant.addChannel({ type: 'telegram', username: '@rtl' });
      const el = await place<AccountsList>('accounts-list', tenant, { look: { dir: 'rtl' } });
      await waitFor(() => part(el, 'account'), 'no accounts');
      expect(style(part(el, 'account')).borderRightWidth).to.equal('4px');
      expect(style(part(el, 'account')).borderLeftWidth).to.equal('1px');
    });

    it('nested elements follow a lang and dir set later on an ancestor', async () => {
      const el = await place<ChannelConnect>('channel-connect', tenant, {
        attributes: { channels: 'whatsapp' },
      });
      await waitFor(() => deepQuery(el, 'svg[role="img"]'), 'no code');
      const scanner = part(el, 'qr-scanner')!;
      expect(text(part(scanner, 'steps'))).to.contain(en.qrStepsWhatsapp[0]);
      const wrapper = el.parentElement!;
      wrapper.setAttribute('lang', 'ar');
      wrapper.setAttribute('dir', 'rtl');
      await waitFor(
        () => text(part(scanner, 'steps')).includes(ar.qrStepsWhatsapp[0]),
        'the nested element stayed English',
      );
      expect(style(base(el)).direction).to.equal('rtl');
      expect(style(base(scanner)).direction).to.equal('rtl');
      wrapper.setAttribute('dir', 'ltr');
      await waitUntil(
        () => style(base(scanner)).direction === 'ltr',
        'the nested element stayed right to left',
      );
      wrapper.setAttribute('lang', 'en');
      await waitFor(
        () => text(part(scanner, 'steps')).includes(en.qrStepsWhatsapp[0]),
        'the nested element stayed Arabic',
      );
      const linked = oneEvent(el, 'inbox-connected');
      await tenant.scan((await tenant.attempt('whatsapp'))!.account_id);
      await linked;
    });
  });
});
