import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from './helpers/async.js';
import '../src/index.js';
import './helpers/lit-warnings.js';
import { loadLocale, registerLocale } from '../src/index.js';
import { ar } from '../src/i18n/ar.js';
import { en } from '../src/i18n/en.js';
import { fastTimings, SandboxTenant } from './helpers/sandbox.js';

function base(el: Element): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
}

function text(node: Element | null | undefined): string {
  return node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

async function inArabic<T extends Element>(
  tag: string,
  tenant: SandboxTenant,
  attributes: Record<string, string> = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" dir="rtl"></div>`);
  const el = document.createElement(tag);
  el.setAttribute('base-url', tenant.baseUrl);
  el.setAttribute('api-key', tenant.apiKey);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  wrapper.append(el);
  await loadLocale('ar');
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return el as unknown as T;
}

describe('languages and direction', () => {
  let tenant: SandboxTenant;
  const pageLang = document.documentElement.lang;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    document.documentElement.lang = pageLang;
  });

  it('<channel-connect> speaks Arabic right to left under lang="ar" dir="rtl", and its back arrow mirrors', async () => {
    const el = await inArabic('channel-connect', tenant);
    expect(text(base(el))).to.contain(ar.connectHeading);
    expect(getComputedStyle(base(el)).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
    const instagram = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      text(b).includes('إنستغرام'),
    )!;
    instagram.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.back-arrow'), 'no back button');
    const arrow = el.shadowRoot!.querySelector('.back-arrow')!;
    expect(getComputedStyle(arrow).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(text(base(el))).to.contain(ar.instagramPasswordLabel);
    // Country names come from Intl in Arabic.
    const saudi = el.shadowRoot!.querySelector<HTMLOptionElement>('option[value="SA"]')!;
    expect(saudi.textContent?.trim()).to.equal(new Intl.DisplayNames(['ar'], { type: 'region' }).of('SA'));
    await expect(el).to.be.accessible();
  });

  it('<qr-scanner> shows Arabic steps and numbers in the digits Intl uses for Arabic; the code stays left to right', async () => {
    const el = await inArabic<HTMLElement>('qr-scanner', tenant, { channel: 'whatsapp' });
    await waitUntil(() => el.shadowRoot!.querySelector('.code-number'), 'no QR code shown', {
      timeout: 8000,
    });
    expect(text(el.shadowRoot!.querySelector('[part~="steps"]'))).to.contain(ar.qrStepsWhatsapp[0]);
    const number = text(el.shadowRoot!.querySelector('.code-number'));
    expect(number).to.match(/^الرمز /);
    expect(number).to.contain(new Intl.NumberFormat('ar').format(1));
    expect(getComputedStyle(base(el)).direction).to.equal('rtl');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="qr"]')!).direction).to.equal('ltr');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="steps"]')!).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('<instagram-2fa> speaks Arabic right to left', async () => {
    const el = await inArabic('instagram-2fa', tenant, { 'account-id': 'ig_abc', 'checkpoint-type': 'sms' });
    expect(text(base(el))).to.contain(ar.twoFactorExplainSms);
    expect(text(base(el))).to.contain(ar.twoFactorCodeLabel);
    expect(getComputedStyle(base(el)).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('<accounts-list> speaks Arabic, with its relative times from Intl in Arabic', async () => {
    await tenant.addChannel({
      type: 'whatsapp',
      username: '+966500000001',
    });
    const el = await inArabic('accounts-list', tenant);
    await waitUntil(() => text(base(el)).includes(ar.accountsRefresh), 'no accounts shown', {
      timeout: 8000,
    });
    expect(text(base(el))).to.contain(ar.accountsHeading);
    expect(text(base(el))).not.to.contain(en.accountsHeading);
    const synced = text(el.shadowRoot!.querySelector('.synced'));
    expect(synced.startsWith(ar.accountsSynced(''))).to.equal(true);
    expect(synced).not.to.match(/ago|now/);
    expect(getComputedStyle(base(el)).direction).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('uses the strings a host registered for its language, English for the rest', async () => {
    registerLocale('x-test', { connectHeading: 'Test heading' });
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="x-test"></div>`);
    const el = document.createElement('channel-connect');
    el.setAttribute('base-url', tenant.baseUrl);
    el.setAttribute('api-key', tenant.apiKey);
    wrapper.append(el);
    await el.updateComplete;
    expect(text(base(el))).to.contain('Test heading');
    expect(text(base(el))).to.contain(en.connectIntro);
  });

  it("lays a host's overrides of a shipped language over its strings", async () => {
    registerLocale('ar', { connectHeading: 'عنوان المضيف' });
    try {
      const el = await inArabic('channel-connect', tenant);
      expect(text(base(el))).to.contain('عنوان المضيف');
      expect(text(base(el))).to.contain(ar.connectIntro);
    } finally {
      registerLocale('ar', {});
    }
  });

  it('lays a regional language a host registers over the shipped language it belongs to', async () => {
    registerLocale('ar-EG', { connectHeading: 'عنوان مصري' });
    try {
      const el = await inArabic('channel-connect', tenant, { lang: 'ar-EG' });
      await waitUntil(() => text(base(el)).includes('عنوان مصري'), 'the regional heading is not shown');
      expect(text(base(el))).to.contain(ar.connectIntro);
    } finally {
      registerLocale('ar-EG', {});
    }
  });

  it('re-renders when the page language changes, and takes its direction from the language', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture(
      html`<channel-connect base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    );
    expect(text(base(el))).to.contain(en.connectHeading);
    expect(getComputedStyle(base(el)).direction).to.equal('ltr');
    document.documentElement.lang = 'ar';
    await waitUntil(() => text(base(el)).includes(ar.connectHeading), 'still English');
    expect(getComputedStyle(base(el)).direction).to.equal('rtl');
    document.documentElement.lang = 'en';
    await waitUntil(() => text(base(el)).includes(en.connectHeading), 'still Arabic');
  });

  it("follows the element's own lang over the page's", async () => {
    const el = await fixture(
      html`<channel-connect lang="ar" base-url=${tenant.baseUrl} api-key=${tenant.apiKey}></channel-connect>`,
    );
    await waitUntil(() => text(base(el)).includes(ar.connectHeading), 'not Arabic');
    el.setAttribute('lang', 'en');
    await waitUntil(() => text(base(el)).includes(en.connectHeading), 'still Arabic');
  });
});
