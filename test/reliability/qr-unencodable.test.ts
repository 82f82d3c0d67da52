import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import '../../src/elements/qr-scanner/qr-scanner.js';
import type { QrScanner } from '../../src/elements/qr-scanner/qr-scanner.component.js';
import { text } from '../helpers/elements.js';
import '../helpers/lit-warnings.js';
import { decodeQrSvg } from '../helpers/qr.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { UncaughtErrors } from './uncaught.js';

const CONNECT_PATH = '/api/v1/channels/whatsapp/connect';
const STATUS_PATH = '/api/v1/channels/whatsapp/status';

const UNENCODABLE: [string, string][] = [
  ['an empty code', ''],
  ['a code over the capacity of any QR symbol', 'x'.repeat(8000)],
  ['a code with a lone surrogate', 'ref@\uD800abc'],
];

function qrImage(el: QrScanner): SVGSVGElement | null {
  return el.shadowRoot!.querySelector<SVGSVGElement>('[part~="qr"] svg');
}

/** The retry offered in place of the code. */
function retryButton(el: QrScanner): HTMLButtonElement | undefined {
  const buttons = el.shadowRoot!.querySelectorAll('[part~="qr"] button');
  return [...buttons].find((button) => text(button) === 'Try again') as HTMLButtonElement | undefined;
}

function statusWithCode(code: string) {
  return {
    success: true,
    data: {
      id: null,
      type: 'whatsapp',
      username: null,
      is_connected: false,
      sync_status: 'CONNECTING',
      last_synced_at: null,
      completed: false,
      in_progress: true,
      qr_code: code,
      qr_index: 1,
      qr_total: 3,
      qr_expires_at: new Date(Date.now() + 60_000).toISOString(),
    },
  };
}

describe('<qr-scanner> with a code that cannot be encoded', () => {
  const tenant = new SandboxTenant();
  const uncaught = new UncaughtErrors();

  beforeEach(async () => {
    await tenant.reset();
    await tenant.scenario({ timings: fastTimings });
    uncaught.start();
  });

  afterEach(() => uncaught.stop());

  for (const [what, code] of UNENCODABLE) {
    it(`says so instead of a code, throws nothing, and a retry brings a code that scans: ${what}`, async () => {
      await tenant.scenario({
        failures: [
          {
            method: 'POST',
            path: CONNECT_PATH,
            times: 1,
            status: 200,
            body: { success: true, data: { account_id: 'wa_unencodable', qr_code: code } },
          },
          { method: 'GET', path: STATUS_PATH, times: -1, status: 200, body: statusWithCode(code) },
        ],
      });
      const el = document.createElement('qr-scanner');
      el.pollInterval = 60_000;
      el.baseUrl = tenant.baseUrl;
      el.apiKey = tenant.apiKey;
      el.channel = 'whatsapp';
      await fixture(html`${el}`);

      await waitUntil(() => retryButton(el), 'the element offers to try again', { timeout: 10_000 });
      expect(qrImage(el), 'no code on screen').to.equal(null);
      expect(text(el.shadowRoot!.querySelector('[part~="qr"]'))).to.contain('could not be shown');
      expect(uncaught.seen).to.deep.equal([]);

      await tenant.scenario({ failures: [] });
      retryButton(el)!.click();
      await waitUntil(() => qrImage(el), 'a new code is drawn', { timeout: 10_000 });
      const attempt = await tenant.attempt('whatsapp');
      expect(await decodeQrSvg(qrImage(el)!)).to.equal(attempt?.qr_code);
      expect(uncaught.seen).to.deep.equal([]);
    });
  }

  it('replaces a drawn code with the message when a later code cannot be encoded', async () => {
    const el = document.createElement('qr-scanner');
    el.pollInterval = 200;
    el.baseUrl = tenant.baseUrl;
    el.apiKey = tenant.apiKey;
    el.channel = 'whatsapp';
    await fixture(html`${el}`);
    await waitUntil(() => qrImage(el), 'the first code is drawn', { timeout: 10_000 });
    const attempt = (await tenant.attempt('whatsapp'))!;
    await tenant.scenario({
      failures: [
        {
          method: 'GET',
          path: STATUS_PATH,
          times: -1,
          status: 200,
          body: statusWithCode('y'.repeat(8000)),
        },
      ],
    });
    await waitUntil(() => retryButton(el), 'the element offers to try again', { timeout: 10_000 });
    expect(qrImage(el), 'the old code is gone').to.equal(null);
    expect(attempt.account_id).to.be.a('string');
    expect(uncaught.seen).to.deep.equal([]);
  });
});
