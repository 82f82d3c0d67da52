import { expect } from '@open-wc/testing';
import { waitUntil } from '../helpers/async.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { Conversation } from '../../src/api/types.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant, type LoggedRequest } from '../helpers/sandbox.js';
import {
  apiCalls,
  attachmentChip,
  bubbleOf,
  buttonByText,
  conversationButton,
  conversationButtons,
  externalIdOf,
  focusedIn,
  listReady,
  messagesPath,
  mount,
  open,
  rowsWith,
  rowWith,
  scroller,
  shadow,
  statusOf,
  text,
  textarea,
  typeAndSend,
  UUID,
} from '../helpers/conversation-view.js';

const MB = 1024 * 1024;
/** The list's page size (the contract's default). */
const PAGE = 30;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function filesPath(conversation: Conversation): string {
  return `/api/v1/conversations/${conversation.id}/files`;
}

function pngFile(name: string): File {
  const bytes = Uint8Array.from(atob(PNG_BASE64), (char) => char.charCodeAt(0));
  return new File([bytes], name, { type: 'image/png' });
}

/** A file that claims `size` bytes: the checks before upload read `size`, not the bytes. */
function sized(file: File, size: number): File {
  return Object.defineProperty(file, 'size', { value: size });
}

/** What a drag from the desktop or a paste carries: these files. */
function transferOf(file: File): DataTransfer {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  // DataTransfer keeps its own copy of the file, so a claimed size is put on the copy too.
  if (transfer.files[0].size !== file.size) sized(transfer.files[0], file.size);
  return transfer;
}

/** Fires one step of a file drag as the browser does; `defaultPrevented` means the page takes the drop. */
function drag(target: Element, type: 'dragenter' | 'dragover' | 'drop', transfer: DataTransfer): DragEvent {
  const event = new DragEvent(type, {
    dataTransfer: transfer,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
}

/** Drags a file over `target` and drops it there; answers whether the page accepted the drag and the drop. */
function dragAndDrop(target: Element, file: File): { over: boolean; dropped: boolean } {
  const transfer = transferOf(file);
  drag(target, 'dragenter', transfer);
  const over = drag(target, 'dragover', transfer).defaultPrevented;
  const dropped = drag(target, 'drop', transfer).defaultPrevented;
  return { over, dropped };
}

function paste(target: Element, transfer: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', {
    clipboardData: transfer,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
}

function composer(el: ConversationView): HTMLFormElement {
  return shadow(el).querySelector<HTMLFormElement>('[part="composer"]')!;
}

function composerAlert(el: ConversationView): string {
  return text(shadow(el).querySelector('[part="composer"] [role="alert"]'));
}

function viewer(el: ConversationView): HTMLDialogElement {
  return shadow(el).querySelector<HTMLDialogElement>('dialog[part="viewer"]')!;
}

/** The file fields of an upload as the sandbox logged them. */
function uploadOf(request: LoggedRequest): {
  file: { name: string; mime_type: string; size: number };
  external_id: string;
  caption?: string;
} {
  return request.body as ReturnType<typeof uploadOf>;
}

async function sendCaption(el: ConversationView, caption: string): Promise<void> {
  textarea(el).focus();
  await sendKeys({ type: caption });
  await sendKeys({ press: 'Enter' });
}

/** Conversation list requests (`GET /conversations`), with their query parameters. */
async function listRequests(tenant: SandboxTenant): Promise<URLSearchParams[]> {
  return (await apiCalls(tenant, 'GET', '/api/v1/conversations')).map(
    (request) => new URL(request.path, location.origin).searchParams,
  );
}

function shownIds(el: ConversationView): string[] {
  return conversationButtons(el).map((button) => button.dataset.id!);
}

function moreButton(el: ConversationView): HTMLButtonElement | undefined {
  return [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="conversations"] button')].find(
    (button) => text(button) === en.conversationsMore,
  );
}

/** The ids of the tenant's conversations, newest activity first, as the sandbox holds them. */
async function newestFirst(tenant: SandboxTenant, channelId?: number): Promise<string[]> {
  const { conversations } = await tenant.state();
  return conversations
    .filter((conversation) => channelId === undefined || conversation.channel_id === channelId)
    .sort((a, b) => (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : 0))
    .map((conversation) => conversation.id);
}

describe('<conversation-view> attachments, media and paging', () => {
  let tenant: SandboxTenant;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  describe('drag and drop', () => {
    it('highlights the composer while a file is dragged over it, attaches the dropped file and sends it with its caption', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const file = new File(['%PDF-1.4 the quarterly report'], 'report.pdf', { type: 'application/pdf' });
      const transfer = transferOf(file);

      drag(textarea(el), 'dragenter', transfer);
      expect(drag(textarea(el), 'dragover', transfer).defaultPrevented, 'the drag is not accepted').to.equal(
        true,
      );
      await waitUntil(() => text(composer(el)).includes(en.composerDrop), 'no drop hint while dragging');
      expect(composer(el).classList.contains('dragging')).to.equal(true);

      expect(
        drag(textarea(el), 'drop', transfer).defaultPrevented,
        'the browser would open the file',
      ).to.equal(true);
      await waitUntil(() => attachmentChip(el), 'the dropped file was not attached');
      expect(text(attachmentChip(el))).to.contain('report.pdf');
      expect(text(composer(el))).to.not.contain(en.composerDrop);
      expect(composer(el).classList.contains('dragging')).to.equal(false);
      expect(composerAlert(el)).to.equal('');
      expect(
        attachmentChip(el)!.querySelector(`button[aria-label="${en.composerRemoveFile('report.pdf')}"]`),
      ).to.not.equal(null);
      expect(textarea(el).placeholder).to.equal(en.composerCaptionLabel);

      await sendCaption(el, 'Q3 numbers');
      await waitUntil(() => rowsWith(el, 'Q3 numbers').length === 1, 'the file message was not shown');
      await waitUntil(() => statusOf(rowWith(el, 'Q3 numbers')) === 'Sent', 'the file was not sent');
      const row = rowWith(el, 'Q3 numbers');
      expect([...bubbleOf(row).querySelectorAll('[dir="auto"]')].map((name) => text(name))).to.include(
        'report.pdf',
      );
      expect(row.querySelector('a[download]')!.getAttribute('href')).to.match(/\/__sandbox\/files\//);
      expect(attachmentChip(el)).to.equal(null);

      const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
      expect(uploads).to.have.length(1);
      expect(uploads[0].status).to.equal(200);
      const upload = uploadOf(uploads[0]);
      expect(upload.file).to.deep.equal({
        name: 'report.pdf',
        mime_type: 'application/pdf',
        size: file.size,
      });
      expect(upload.caption).to.equal('Q3 numbers');
      expect(upload.external_id).to.match(UUID);
    });

    it('takes a file dropped on the message list, not only on the composer', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const { over, dropped } = dragAndDrop(scroller(el), pngFile('photo.png'));
      expect(over, 'a drag over the messages is not accepted').to.equal(true);
      expect(dropped, 'a drop on the messages would open the file in the tab').to.equal(true);
      await waitUntil(() => attachmentChip(el), 'the file dropped on the messages was not attached');
      expect(text(attachmentChip(el))).to.contain('photo.png');
      expect(attachmentChip(el)!.querySelector('img')!.getAttribute('src')).to.match(/^blob:/);
    });

    it('attaches the first of several dropped files and says the others were left out', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const transfer = new DataTransfer();
      transfer.items.add(pngFile('first.png'));
      transfer.items.add(pngFile('second.png'));
      drag(composer(el), 'dragenter', transfer);
      drag(composer(el), 'dragover', transfer);
      expect(drag(composer(el), 'drop', transfer).defaultPrevented).to.equal(true);
      await waitUntil(() => attachmentChip(el), 'nothing was attached');
      expect(text(attachmentChip(el))).to.contain('first.png');
      expect(text(attachmentChip(el))).not.to.contain('second.png');
      expect(composerAlert(el)).to.equal(en.composerOneFile('first.png'));
    });

    it('keeps a file dropped on a thread whose account is not connected from opening in the tab, and attaches nothing', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.control('PATCH', `channels/${conversation.channel_id}`, { is_connected: false });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await waitUntil(
        () => shadow(el).querySelector('[part="composer"] [role="status"]'),
        'the composer is not blocked',
      );
      const transfer = transferOf(pngFile('photo.png'));
      drag(scroller(el), 'dragenter', transfer);
      const over = drag(scroller(el), 'dragover', transfer);
      expect(over.defaultPrevented, 'the browser would open the file').to.equal(true);
      expect(over.dataTransfer!.dropEffect).to.equal('none');
      expect(drag(scroller(el), 'drop', transfer).defaultPrevented).to.equal(true);
      await el.updateComplete;
      expect(attachmentChip(el)).to.equal(null);
      expect(composer(el).classList.contains('dragging')).to.equal(false);
    });

    it('refuses a dropped file of a type the provider does not take, or over 100 MB, with the reason, and uploads nothing', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);

      dragAndDrop(textarea(el), new File(['plain words'], 'notes.txt', { type: 'text/plain' }));
      await waitUntil(() => composerAlert(el) !== '', 'no reason shown for a text file');
      expect(composerAlert(el)).to.equal(en.composerFileType('notes.txt'));
      expect(attachmentChip(el)).to.equal(null);

      dragAndDrop(textarea(el), sized(new File(['x'], 'huge.mp4', { type: 'video/mp4' }), 100 * MB + 1));
      await waitUntil(
        () => composerAlert(el) === en.composerFileTooLarge('huge.mp4'),
        `no reason shown for a file over 100 MB: "${composerAlert(el)}"`,
      );
      expect(attachmentChip(el)).to.equal(null);

      // Exactly 100 MB is allowed, and the earlier reason goes away.
      dragAndDrop(textarea(el), sized(new File(['x'], 'archive.zip', { type: 'application/zip' }), 100 * MB));
      await waitUntil(() => attachmentChip(el), 'a file of exactly 100 MB was refused');
      expect(text(attachmentChip(el))).to.contain('archive.zip');
      expect(composerAlert(el)).to.equal('');
      attachmentChip(el)!
        .querySelector<HTMLButtonElement>(`button[aria-label="${en.composerRemoveFile('archive.zip')}"]`)!
        .click();
      await waitUntil(() => !attachmentChip(el), 'the file was not removed');

      await typeAndSend(el, 'after the refusals');
      await waitUntil(() => statusOf(rowWith(el, 'after the refusals')) === 'Sent', 'the text was not sent');
      expect(await apiCalls(tenant, 'POST', messagesPath(conversation))).to.have.length(1);
      expect(await apiCalls(tenant, 'POST', filesPath(conversation))).to.have.length(0);
    });

    it('refuses an empty (0-byte) file with the reason, and uploads nothing', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      dragAndDrop(textarea(el), new File([], 'scan.pdf', { type: 'application/pdf' }));
      await waitUntil(() => composerAlert(el) !== '', 'no reason shown for an empty file');
      expect(composerAlert(el)).to.equal(en.composerFileEmpty('scan.pdf'));
      expect(attachmentChip(el)).to.equal(null);
      await typeAndSend(el, 'after the empty file');
      await waitUntil(
        () => statusOf(rowWith(el, 'after the empty file')) === 'Sent',
        'the text was not sent',
      );
      expect(await apiCalls(tenant, 'POST', filesPath(conversation))).to.have.length(0);
    });

    it('takes a file the browser gives no type by its extension, and uploads it with that type', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const file = new File(['PK\u0003\u0004 a contract'], 'contract.docx', { type: '' });
      dragAndDrop(textarea(el), file);
      await waitUntil(() => attachmentChip(el), 'the .docx file was not attached');
      await sendCaption(el, 'please sign');
      await waitUntil(() => rowsWith(el, 'please sign').length === 1, 'the file message was not shown');
      await waitUntil(() => statusOf(rowWith(el, 'please sign')) !== 'Sending', 'the upload did not finish');
      expect(text(rowWith(el, 'please sign'))).to.not.contain('Not sent');
      expect(statusOf(rowWith(el, 'please sign'))).to.equal('Sent');
      const [upload] = await apiCalls(tenant, 'POST', filesPath(conversation));
      expect(upload.status).to.equal(200);
      expect(uploadOf(upload).file).to.deep.equal({
        name: 'contract.docx',
        mime_type: DOCX,
        size: file.size,
      });
    });
  });

  describe('paste', () => {
    it('attaches a pasted screenshot and sends it as an image', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const file = pngFile('image.png');
      const event = paste(textarea(el), transferOf(file));
      expect(event.defaultPrevented, 'the paste was left to the textarea').to.equal(true);
      await waitUntil(() => attachmentChip(el), 'the pasted file was not attached');
      expect(text(attachmentChip(el))).to.contain('image.png');
      expect(attachmentChip(el)!.querySelector('img')!.getAttribute('src')).to.match(/^blob:/);
      expect(textarea(el).value).to.equal('');

      await sendCaption(el, 'see the screenshot');
      await waitUntil(() => rowsWith(el, 'see the screenshot').length === 1, 'the image was not shown');
      await waitUntil(
        () => statusOf(rowWith(el, 'see the screenshot')) === 'Sent',
        'the pasted image was not sent',
      );
      const image = rowWith(el, 'see the screenshot').querySelector(
        `button[aria-label^="${en.messageImageOpen('')}"] img`,
      )!;
      expect(image.getAttribute('src')).to.match(/\/__sandbox\/files\//);
      const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
      expect(uploads).to.have.length(1);
      expect(uploadOf(uploads[0]).file).to.deep.equal({
        name: 'image.png',
        mime_type: 'image/png',
        size: file.size,
      });
      expect(uploadOf(uploads[0]).caption).to.equal('see the screenshot');
    });

    it('leaves a text paste to the textarea and refuses a pasted GIF with the reason', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const words = new DataTransfer();
      words.setData('text/plain', 'just words');
      expect(paste(textarea(el), words).defaultPrevented, 'a text paste was taken over').to.equal(false);
      expect(attachmentChip(el)).to.equal(null);

      const gif = paste(textarea(el), transferOf(new File(['GIF89a'], 'funny.gif', { type: 'image/gif' })));
      expect(gif.defaultPrevented).to.equal(true);
      await waitUntil(() => composerAlert(el) !== '', 'no reason shown for a GIF');
      expect(composerAlert(el)).to.equal(en.composerFileType('funny.gif'));
      expect(attachmentChip(el)).to.equal(null);
    });
  });

  describe('upload progress', () => {
    it('shows a progress bar while the file uploads, then the sent file message', async function () {
      this.timeout(40_000);
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.scenario({ upload_bytes_per_second: 2 * MB });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const size = 10 * MB;
      const file = new File([new Uint8Array(size)], 'manual.pdf', { type: 'application/pdf' });
      dragAndDrop(textarea(el), file);
      await waitUntil(() => attachmentChip(el), 'the file was not attached');
      await sendCaption(el, 'the manual');
      await waitUntil(
        () => rowsWith(el, 'the manual').length === 1,
        'the file message was not shown at once',
      );

      const seen: { value: number; label: string; status: string | null }[] = [];
      await waitUntil(
        () => {
          const row = rowWith(el, 'the manual');
          const bar = row.querySelector('progress');
          if (bar)
            seen.push({
              value: bar.value,
              label: bar.getAttribute('aria-label') ?? '',
              status: statusOf(row),
            });
          return statusOf(row) === 'Sent';
        },
        'the upload never finished',
        { timeout: 30_000, interval: 20 },
      );

      // The bar moves: more than one value between 0 and 100 % is shown on the way.
      const partial = new Set(seen.map((sample) => sample.value).filter((value) => value > 0 && value < 1));
      expect(
        partial.size,
        `progress seen: ${seen.map((sample) => sample.value).join(', ')}`,
      ).to.be.greaterThan(1);
      for (let index = 1; index < seen.length; index++) {
        expect(seen[index].value, 'the progress went back').to.be.at.least(seen[index - 1].value);
      }
      for (const sample of seen) {
        expect(sample.status).to.equal('Sending');
        const percent = new Intl.NumberFormat('en', { style: 'percent' }).format(sample.value);
        expect(sample.label).to.equal(en.messageUploading(percent));
      }

      const row = rowWith(el, 'the manual');
      expect(row.querySelector('progress')).to.equal(null);
      expect([...bubbleOf(row).querySelectorAll('[dir="auto"]')].map((name) => text(name))).to.include(
        'manual.pdf',
      );
      expect(text(row)).to.include('manual.pdf 10.5 MB');
      const uploads = await apiCalls(tenant, 'POST', filesPath(conversation));
      expect(uploads).to.have.length(1);
      expect(uploads[0].status).to.equal(200);
      expect(uploadOf(uploads[0]).file).to.deep.equal({
        name: 'manual.pdf',
        mime_type: 'application/pdf',
        size,
      });
      expect(uploadOf(uploads[0]).caption).to.equal('the manual');
    });
  });

  describe('image viewer', () => {
    it('opens an image larger; Escape and Close shut it, and focus returns to the thumbnail', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const image = await tenant.incoming(conversation.id, { type: 'image', caption: 'the blue one' });
      const name = image.file!.name;
      const el = await mount(tenant);
      await open(el, conversation.id);
      const thumbnail = () =>
        rowWith(el, 'the blue one').querySelector<HTMLButtonElement>(
          `button[aria-label^="${en.messageImageOpen('')}"]`,
        )!;
      expect(thumbnail().getAttribute('aria-label')).to.equal(en.messageImageOpen(name));
      expect(viewer(el).open).to.equal(false);

      thumbnail().focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => viewer(el).open, 'the viewer did not open');
      const large = viewer(el).querySelector('img')!;
      const small = thumbnail().querySelector('img')!;
      expect(large.getAttribute('src')).to.equal(small.getAttribute('src'));
      expect(large.getAttribute('alt')).to.equal(name);
      await waitUntil(() => large.complete && large.naturalWidth > 0, 'the large image did not load');
      expect(large.getBoundingClientRect().width).to.be.greaterThan(small.getBoundingClientRect().width);
      expect(viewer(el).contains(focusedIn(el))).to.equal(true);

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !viewer(el).open, 'Escape did not close the viewer');
      await waitUntil(() => focusedIn(el) === thumbnail(), 'focus did not return after Escape');
      expect(viewer(el).querySelector('img')).to.equal(null);

      await sendKeys({ press: 'Enter' });
      await waitUntil(() => viewer(el).open, 'the viewer did not open again');
      buttonByText(viewer(el), en.messageImageClose).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => !viewer(el).open, 'Close did not close the viewer');
      await waitUntil(() => focusedIn(el) === thumbnail(), 'focus did not return after Close');
    });
  });

  describe('conversation list', () => {
    it('"Show more" adds the next page of conversations, asked for with the cursor', async function () {
      this.timeout(40_000);
      for (let index = 0; index < PAGE + 2; index++) await tenant.createConversation({ messages: 1 });
      const expected = await newestFirst(tenant);
      const el = await mount(tenant);
      await listReady(el);
      expect(shownIds(el)).to.deep.equal(expected.slice(0, PAGE));
      expect(moreButton(el), 'no "Show more"').to.not.equal(undefined);

      moreButton(el)!.click();
      await waitUntil(() => shownIds(el).length > PAGE, '"Show more" added nothing');
      expect(shownIds(el)).to.deep.equal(expected);
      expect(moreButton(el), '"Show more" stayed after the last page').to.equal(undefined);

      const lists = await listRequests(tenant);
      expect(lists).to.have.length(2);
      expect(lists[0].get('cursor')).to.equal(null);
      expect(lists[1].get('cursor')).to.be.a('string').and.not.equal('');
      expect(lists.map((query) => query.get('limit'))).to.deep.equal([String(PAGE), String(PAGE)]);
    });

    it('moves focus to the first added conversation when the last "Show more" goes away', async function () {
      this.timeout(40_000);
      for (let index = 0; index < PAGE + 2; index++) await tenant.createConversation({ messages: 1 });
      const expected = await newestFirst(tenant);
      const el = await mount(tenant);
      await listReady(el);
      moreButton(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => moreButton(el) === undefined, '"Show more" stayed after the last page');
      await waitUntil(
        () => focusedIn(el) === conversationButton(el, expected[PAGE]),
        'focus did not move to the first added conversation',
      );
    });

    it('the account filter shows only that account’s conversations, asking with channel_id, and pages within it', async function () {
      this.timeout(40_000);
      const shop = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
      const support = await tenant.addChannel({ type: 'whatsapp', username: '+966500000002' });
      for (let index = 0; index < 2; index++)
        await tenant.createConversation({ channel_id: shop.id, messages: 1 });
      for (let index = 0; index < PAGE + 1; index++) {
        await tenant.createConversation({ channel_id: support.id, messages: 1 });
      }
      const el = await mount(tenant);
      await listReady(el);
      await waitUntil(() => shadow(el).querySelector('[part="conversations"] select'), 'no account filter');
      const select = shadow(el).querySelector<HTMLSelectElement>('[part="conversations"] select')!;
      expect([...select.options].map((option) => text(option))).to.deep.equal([
        en.conversationsFilterAll,
        en.accountsAccountName(en.channelName('whatsapp'), shop.username),
        en.accountsAccountName(en.channelName('whatsapp'), support.username),
      ]);

      const shopIds = await newestFirst(tenant, shop.id);
      select.value = String(shop.id);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(
        () => shownIds(el).length === shopIds.length,
        `the filter did not narrow the list: ${shownIds(el).length} shown`,
      );
      expect(shownIds(el)).to.deep.equal(shopIds);
      expect(moreButton(el)).to.equal(undefined);

      const supportIds = await newestFirst(tenant, support.id);
      select.value = String(support.id);
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => conversationButton(el, supportIds[0]) && !conversationButton(el, shopIds[0]));
      expect(shownIds(el)).to.deep.equal(supportIds.slice(0, PAGE));
      moreButton(el)!.click();
      await waitUntil(() => shownIds(el).length === supportIds.length, '"Show more" added nothing');
      expect(shownIds(el)).to.deep.equal(supportIds);

      const lists = await listRequests(tenant);
      expect(lists.map((query) => query.get('channel_id'))).to.deep.equal([
        null,
        String(shop.id),
        String(support.id),
        String(support.id),
      ]);
      expect(lists[3].get('cursor')).to.be.a('string').and.not.equal('');

      select.value = '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => conversationButton(el, shopIds[0]), 'All accounts did not bring the others back');
      expect(shownIds(el)).to.deep.equal((await newestFirst(tenant)).slice(0, PAGE));
      expect((await listRequests(tenant)).at(-1)!.get('channel_id')).to.equal(null);
    });

    it('follows a channel-id set or changed after the element is on the page', async () => {
      const shop = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
      const support = await tenant.addChannel({ type: 'telegram', username: 'support_bot' });
      for (const channel of [shop, support, shop, support]) {
        await tenant.createConversation({ channel_id: channel.id, messages: 1 });
      }
      const shopIds = await newestFirst(tenant, shop.id);
      const supportIds = await newestFirst(tenant, support.id);
      // As a framework wrapper does it: the property is set once the element is connected.
      const el = await mount(tenant);
      el.channelId = shop.id;
      await waitUntil(
        () => shownIds(el).length > 0 && shownIds(el).every((id) => shopIds.includes(id)),
        `channel-id set late did not narrow the list: ${shownIds(el).join(', ')}`,
      );
      expect(shownIds(el)).to.deep.equal(shopIds);
      expect(shadow(el).querySelector('[part="conversations"] select')).to.equal(null);

      el.channelId = support.id;
      await waitUntil(
        () => shownIds(el).length > 0 && shownIds(el).every((id) => supportIds.includes(id)),
        `a changed channel-id did not replace the list: ${shownIds(el).join(', ')}`,
      );
      expect(shownIds(el)).to.deep.equal(supportIds);
      // Calls made before the change may reach the sandbox in any order; none may leave after it.
      const lists = await listRequests(tenant);
      const firstSupport = lists.findIndex((query) => query.get('channel_id') === String(support.id));
      expect(firstSupport).to.be.greaterThan(-1);
      expect(lists.slice(firstSupport).map((query) => query.get('channel_id'))).to.deep.equal(
        lists.slice(firstSupport).map(() => String(support.id)),
      );
    });

    it('abandons the list call of the account it no longer shows, so nothing more is asked for it', async () => {
      const shop = await tenant.addChannel({ type: 'whatsapp', username: '+966500000001' });
      const support = await tenant.addChannel({ type: 'telegram', username: 'support_bot' });
      for (const channel of [shop, support])
        await tenant.createConversation({ channel_id: channel.id, messages: 1 });
      const shopIds = await newestFirst(tenant, shop.id);
      // The first list call is held, then refused with a 503 that asks to be retried at once.
      await tenant.scenario({
        failures: [
          { method: 'GET', path: '/api/v1/conversations', status: 503, retry_after: 0, delay_ms: 1500 },
        ],
      });
      const el = await mount(tenant);
      await waitUntil(async () => (await listRequests(tenant)).length === 1, 'the list was not asked for');
      el.channelId = shop.id;
      await waitUntil(
        () => shownIds(el).length > 0 && shownIds(el).join() === shopIds.join(),
        'the late channel-id did not narrow the list',
      );
      await waitUntil(
        async () => (await apiCalls(tenant, 'GET', '/api/v1/conversations'))[0].abandoned === true,
        'the call for all accounts went on after the account was set',
        { timeout: 5000 },
      );
      const lists = await listRequests(tenant);
      expect(lists.map((query) => query.get('channel_id'))).to.deep.equal([null, String(shop.id)]);
    });
  });

  describe('failed delivery', () => {
    it('marks a message whose receipt says failed with the reason, and Retry sends it again as a new message', async () => {
      const reason = 'This number is not registered in WhatsApp.';
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      // Receipts arrive on the socket: a message from the contact shows it is joined.
      await tenant.incoming(conversation.id, { text: 'are you there?' });
      await waitUntil(() => rowsWith(el, 'are you there?').length === 1, 'the socket did not join', {
        timeout: 8000,
      });
      await tenant.scenario({ message_failure: reason });

      await typeAndSend(el, 'Your parcel is on its way');
      await waitUntil(
        () => statusOf(rowWith(el, 'Your parcel is on its way')) === en.messageStatus('failed'),
        'the failed receipt was not shown',
      );
      const failed = rowWith(el, 'Your parcel is on its way');
      expect(statusOf(failed)).to.equal(en.messageStatus('failed'));
      expect([...bubbleOf(failed).querySelectorAll('p')].map((line) => text(line))).to.include(
        en.messageFailedReason(reason),
      );
      const [first] = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(first.status).to.equal(200);
      expect(failed.dataset.key).to.not.match(/^local:/);

      await tenant.scenario({ message_failure: null });
      buttonByText(failed, en.messageRetry).click();
      await waitUntil(
        () => rowsWith(el, 'Your parcel is on its way').length === 2,
        'Retry did not add the message again',
      );
      await waitUntil(
        () => statusOf(rowsWith(el, 'Your parcel is on its way')[1]) === en.messageStatus('read'),
        'the message sent again was not delivered and read',
      );
      const [original, again] = rowsWith(el, 'Your parcel is on its way');
      expect(statusOf(original)).to.equal(en.messageStatus('failed'));
      // Sent again once: the failed original no longer offers Retry.
      expect([...original.querySelectorAll('button')].map((button) => text(button))).not.to.include(
        en.messageRetry,
      );
      expect(text(again)).to.not.include(en.messageFailedReason(reason));
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts.map((post) => (post.body as { text: string }).text)).to.deep.equal([
        'Your parcel is on its way',
        'Your parcel is on its way',
      ]);
      expect(externalIdOf(posts[1])).to.match(UUID);
      expect(externalIdOf(posts[1])).to.not.equal(externalIdOf(posts[0]));
    });

    it('sends a file whose receipt says failed again from the copy the server kept', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await tenant.incoming(conversation.id, { text: 'send the photo' });
      await waitUntil(() => rowsWith(el, 'send the photo').length === 1, 'the socket did not join', {
        timeout: 8000,
      });
      await tenant.scenario({ message_failure: 'The recipient cannot receive media.' });
      dragAndDrop(composer(el), pngFile('receipt.png'));
      await waitUntil(() => attachmentChip(el), 'the file was not attached');
      await sendCaption(el, 'the receipt');
      await waitUntil(
        () => statusOf(rowWith(el, 'the receipt')) === en.messageStatus('failed'),
        'the failed receipt was not shown',
      );

      await tenant.scenario({ message_failure: null });
      buttonByText(rowWith(el, 'the receipt'), en.messageRetry).click();
      await waitUntil(
        async () => (await apiCalls(tenant, 'POST', filesPath(conversation))).length === 2,
        'no second upload',
      );
      await waitUntil(() => rowsWith(el, 'the receipt').length === 2, 'the file sent again is not shown');
      const [first, again] = (await apiCalls(tenant, 'POST', filesPath(conversation))).map(uploadOf);
      expect(again.file).to.deep.equal(first.file);
      expect(again.caption).to.equal('the receipt');
      expect(again.external_id).to.match(UUID).and.not.equal(first.external_id);
    });
  });
});
