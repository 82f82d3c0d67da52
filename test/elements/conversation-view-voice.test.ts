/**
 * <conversation-view> voice notes: the microphone request is explained before the browser asks, the note is
 * recorded, listened back and sent as Ogg/Opus through the file upload, the microphone is given back at once,
 * and every refusal (permission, no device, a browser that cannot record, the backend) says what to do.
 * The microphone is a 440 Hz tone standing in for `getUserMedia`; everything after it is the browser's own.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import { createContractBackend } from '../../src/api/contract-backend.js';
import type { Conversation } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { waitUntil } from '../helpers/async.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { peakOf, startTone, toneFor, type Tone } from '../helpers/tone.js';
import {
  apiCalls,
  buttonByText,
  focusedIn,
  messageRows,
  mount,
  open,
  shadow,
  statusOf,
  text,
} from '../helpers/conversation-view.js';

const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
const realPermissionsQuery = navigator.permissions.query.bind(navigator.permissions);

function micButton(el: ConversationView): HTMLButtonElement | null {
  return shadow(el).querySelector<HTMLButtonElement>('[part="composer"] .voice-button');
}

function panel(el: ConversationView): HTMLElement | null {
  return shadow(el).querySelector('[part="voice-note"]');
}

function voiceRows(el: ConversationView): HTMLElement[] {
  return messageRows(el).filter((row) => row.querySelector('audio[aria-label^="voice-note-"]'));
}

function filesPath(conversation: Conversation): string {
  return `/api/v1/conversations/${conversation.id}/files`;
}

/** The browser's permission answer for the microphone, before anything is asked. */
function permissionIs(state: PermissionState): void {
  navigator.permissions.query = async (descriptor) =>
    descriptor.name === ('microphone' as PermissionName)
      ? ({ state } as PermissionStatus)
      : realPermissionsQuery(descriptor);
}

/** The microphone: the tone, or the browser's refusal; counts the requests. */
function microphone(answer: Tone | DOMException): { requests: number } {
  const calls = { requests: 0 };
  navigator.mediaDevices.getUserMedia = () => {
    calls.requests += 1;
    return answer instanceof DOMException ? Promise.reject(answer) : Promise.resolve(answer.stream);
  };
  return calls;
}

async function press(el: ConversationView, button: HTMLButtonElement | null, key = 'Enter'): Promise<void> {
  expect(button, 'the button is missing').to.not.equal(null);
  button!.focus();
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<conversation-view> voice notes', () => {
  let tenant: SandboxTenant;
  let conversation: Conversation;
  let tone: Tone | undefined;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
    conversation = await tenant.createConversation({ messages: 2 });
    permissionIs('prompt');
  });

  /** The conversation open and recording `tone`, the microphone already allowed. */
  async function recordingWith(source: Tone): Promise<ConversationView> {
    permissionIs('granted');
    microphone(source);
    const el = await mount(tenant);
    await open(el, conversation.id);
    await press(el, micButton(el));
    await waitUntil(() => text(panel(el)).includes('Recording'), 'the recording did not start');
    return el;
  }

  afterEach(async () => {
    navigator.mediaDevices.getUserMedia = realGetUserMedia;
    navigator.permissions.query = realPermissionsQuery;
    await tone?.context.close();
    tone = undefined;
  });

  it('explains the request, records, plays back, and sends Ogg/Opus through the upload', async () => {
    tone = await startTone();
    const mic = microphone(tone);
    const el = await mount(tenant);
    await open(el, conversation.id);

    await press(el, micButton(el));
    await waitUntil(() => panel(el)?.textContent?.includes(en.voiceExplain), 'nothing explained the request');
    expect(mic.requests, 'the browser was asked before the explanation').to.equal(0);
    expect(micButton(el)!.getAttribute('aria-expanded')).to.equal('true');
    expect(focusedIn(el)).to.equal(buttonByText(panel(el)!, en.voiceAllow));
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(panel(el)).includes('Recording'), 'the recording did not start');
    expect(mic.requests).to.equal(1);
    expect(focusedIn(el)).to.equal(buttonByText(panel(el)!, en.voiceStop));
    await toneFor(tone, 1.2);
    await waitUntil(() => text(panel(el)).includes(en.voiceRecording('0:01')), 'the clock did not move');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => panel(el)?.querySelector('audio'), 'the note cannot be listened to');
    const track = tone.stream.getAudioTracks()[0];
    expect(track.readyState, 'the microphone was kept after the recording stopped').to.equal('ended');
    const preview = panel(el)!.querySelector('audio')!;
    expect(preview.src).to.match(/^blob:/);
    expect(focusedIn(el)).to.equal(buttonByText(panel(el)!, en.voiceSend));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => panel(el) === null, 'the panel stayed after sending');
    expect(focusedIn(el)).to.equal(micButton(el));
    await waitUntil(() => voiceRows(el).length === 1, 'the voice note is not in the thread');
    await waitUntil(
      () => ['Sent', 'Delivered', 'Read'].includes(statusOf(voiceRows(el)[0]) ?? ''),
      'the voice note was not sent',
    );
    const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
    expect(uploads).to.have.length(1);

    const backend = createContractBackend({ baseUrl: tenant.baseUrl, apiKey: tenant.apiKey });
    const stored = (await backend.listMessages(conversation.id, { limit: 100 })).items.filter((message) =>
      message.file?.name.startsWith('voice-note-'),
    );
    expect(stored).to.have.length(1);
    expect(stored[0].type).to.equal('audio');
    expect(stored[0].file!.mime_type).to.match(/^audio\/ogg/);
    expect(stored[0].file!.name).to.match(/\.ogg$/);
    const bytes = await (await fetch(stored[0].file!.download_url)).arrayBuffer();
    expect(new TextDecoder().decode(bytes.slice(0, 4)), 'the upload is not an Ogg file').to.equal('OggS');
    const decoded = await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(bytes);
    expect(decoded.duration).to.be.greaterThan(1);
    expect(peakOf(decoded), 'the recorded tone is not in the upload').to.be.greaterThan(0.1);
  });

  it('asks at once when the microphone is already allowed, and Cancel gives it back with nothing sent', async () => {
    tone = await startTone();
    const el = await recordingWith(tone);
    expect(text(panel(el))).to.not.contain(en.voiceExplain);
    await press(el, buttonByText(panel(el)!, en.voiceCancel));

    await waitUntil(() => panel(el) === null, 'Cancel did not close the panel');
    expect(tone.stream.getAudioTracks()[0].readyState).to.equal('ended');
    expect(focusedIn(el)).to.equal(micButton(el));
    expect(await apiCalls(tenant, 'POST', filesPath(conversation))).to.have.length(0);
  });

  it('gives the microphone back when the element leaves the page while recording', async () => {
    tone = await startTone();
    const el = await recordingWith(tone);

    el.remove();
    expect(tone.stream.getAudioTracks()[0].readyState).to.equal('ended');
  });

  it('says the microphone is blocked and how to allow it; Escape closes and returns to the button', async () => {
    microphone(new DOMException('Permission denied', 'NotAllowedError'));
    const el = await mount(tenant);
    await open(el, conversation.id);
    await press(el, micButton(el));
    await waitUntil(() => panel(el)?.textContent?.includes(en.voiceExplain), 'nothing explained the request');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => panel(el)?.querySelector('[role="alert"]'), 'the refusal was not shown');
    expect(text(panel(el)!.querySelector('[role="alert"]'))).to.equal(en.voiceDenied);
    expect(focusedIn(el)).to.equal(buttonByText(panel(el)!, en.voiceTryAgain));
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => panel(el) === null, 'Escape did not close the panel');
    expect(focusedIn(el)).to.equal(micButton(el));
  });

  it('does not ask again when the browser already blocks the microphone', async () => {
    permissionIs('denied');
    const mic = microphone(new DOMException('Permission denied', 'NotAllowedError'));
    const el = await mount(tenant);
    await open(el, conversation.id);
    await press(el, micButton(el));
    await waitUntil(() => text(panel(el)).includes(en.voiceDenied), 'the block was not explained');
    expect(mic.requests).to.equal(0);
  });

  it('says no microphone was found, and Try again records once one is there', async () => {
    const el = await mount(tenant);
    await open(el, conversation.id);
    microphone(new DOMException('Requested device not found', 'NotFoundError'));
    await press(el, micButton(el));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => text(panel(el)).includes(en.voiceNoDevice), 'the missing device was not explained');

    tone = await startTone();
    microphone(tone);
    permissionIs('granted');
    await press(el, buttonByText(panel(el)!, en.voiceTryAgain));
    await waitUntil(() => text(panel(el)).includes('Recording'), 'Try again did not record');
  });

  it('hides the microphone button where the browser cannot record', async () => {
    const realRecorder = window.MediaRecorder;
    // @ts-expect-error a browser without MediaRecorder
    delete window.MediaRecorder;
    try {
      const el = await mount(tenant);
      await open(el, conversation.id);
      expect(micButton(el)).to.equal(null);
      expect(shadow(el).querySelector('[part="composer"] .emoji-button')).to.not.equal(null);
    } finally {
      window.MediaRecorder = realRecorder;
    }
  });

  it('keeps a voice note the backend refused, with Retry that sends it', async () => {
    await tenant.scenario({
      failures: [{ method: 'POST', path: filesPath(conversation), status: 422, times: 1 }],
    });
    tone = await startTone();
    const el = await recordingWith(tone);
    await toneFor(tone, 0.5);
    await press(el, buttonByText(panel(el)!, en.voiceStop));
    await waitUntil(() => panel(el)?.querySelector('audio'), 'the note was not prepared');
    await press(el, buttonByText(panel(el)!, en.voiceSend));

    await waitUntil(
      () => voiceRows(el).length === 1 && text(voiceRows(el)[0]).includes('Not sent'),
      'the refusal is not shown on the note',
    );
    buttonByText(voiceRows(el)[0], en.messageRetry).click();
    await waitUntil(() => statusOf(voiceRows(el)[0]) === 'Sent', 'Retry did not send the note');
    const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
    expect(uploads.map((upload) => upload.status)).to.deep.equal([422, 200]);
  });
});
