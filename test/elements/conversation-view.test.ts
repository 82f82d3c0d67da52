import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/conversation-view/conversation-view.js';
import '../helpers/lit-warnings.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';
import { en } from '../../src/i18n/en.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { delay, waitUntil } from '../helpers/async.js';
import { trackPageFetches, type PageFetches } from '../helpers/page-fetches.js';
import {
  apiCalls,
  attachmentChip,
  bubbleOf,
  buttonByText,
  conversationButton,
  conversationButtons,
  externalIdOf,
  focusedIn,
  isOutgoing,
  listReady,
  messageRows,
  messagesPath,
  mount,
  NARROW,
  open,
  replyChip,
  rowsWith,
  rowWith,
  scroller,
  shadow,
  statusOf,
  text,
  textarea,
  threadReady,
  typeAndSend,
  UUID,
} from '../helpers/conversation-view.js';

/**
 * Resolves once a message the contact writes now is shown: then the socket is joined, and every frame
 * the server sent before it has been handled (the socket keeps the server's order).
 */
async function socketCaughtUp(el: ConversationView, tenant: SandboxTenant, conversationId: string) {
  const marker = `marker ${crypto.randomUUID()}`;
  await tenant.incoming(conversationId, { text: marker });
  await waitUntil(() => rowsWith(el, marker).length === 1, 'the socket did not bring the marker message');
}

describe('<conversation-view>', () => {
  let tenant: SandboxTenant;
  let fetches: PageFetches | undefined;

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  afterEach(() => {
    fetches?.restore();
    fetches = undefined;
  });

  describe('conversation list', () => {
    it('shows a loading state, then the conversations newest first with name, preview and unread count', async () => {
      const older = await tenant.createConversation({ contact: { name: 'Older Olga' }, messages: 4 });
      await tenant.incoming(older.id, { text: 'first ping' });
      const newer = await tenant.createConversation({ contact: { name: 'Newer Nora' }, messages: 4 });
      await tenant.incoming(newer.id, { text: 'second ping' });
      await tenant.incoming(newer.id, { text: 'latest words' });
      await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/conversations', delay_ms: 500 }] });
      const el = await mount(tenant);
      expect(text(shadow(el).querySelector('[part="status"][role="status"]'))).to.equal(
        en.conversationsLoading,
      );
      await listReady(el);
      const buttons = conversationButtons(el);
      expect(buttons.map((button) => button.dataset.id)).to.deep.equal([newer.id, older.id]);
      expect([...buttons[0].querySelectorAll('bdi')].map((name) => text(name))).to.include('Newer Nora');
      expect(text(buttons[0])).to.contain('latest words');
      const state = await tenant.state();
      const unread = state.conversations.find((c) => c.id === newer.id)!.unread_count;
      expect(unread).to.be.greaterThan(1);
      const badge = buttons[0].querySelector('[part="unread"]')!;
      expect(text(badge)).to.equal(String(unread));
      expect(badge.getAttribute('aria-label')).to.equal(en.conversationsUnread(unread));
    });

    it('shows the empty state when there are no conversations', async () => {
      const el = await mount(tenant);
      await listReady(el);
      expect(conversationButtons(el)).to.have.length(0);
      expect(text(shadow(el).querySelector('[part="conversations"] [part="status"]'))).to.contain(
        en.conversationsEmptyHeading,
      );
    });

    it('shows a load error with Try again, which recovers', async () => {
      const conversation = await tenant.createConversation({ contact: { name: 'Recovering Rana' } });
      await tenant.scenario({
        failures: [{ method: 'GET', path: '/api/v1/conversations', status: 500, times: -1 }],
      });
      const el = await mount(tenant);
      await listReady(el);
      const alert = shadow(el).querySelector('[part="status"][role="alert"]')!;
      expect(text(alert)).to.contain(en.errorServer);
      expect(conversationButtons(el)).to.have.length(0);
      await tenant.scenario({ failures: [] });
      buttonByText(alert, en.conversationsRetry).click();
      await waitUntil(() => conversationButton(el, conversation.id), 'Try again did not recover');
      expect(shadow(el).querySelector('[role="alert"]') === null).to.equal(true);
    });
  });

  describe('thread', () => {
    it('shows messages of every type, status and failure', async () => {
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const el = await mount(tenant);
      await open(el, conversation.id);

      const linkRow = rowWith(el, 'Here is my order page');
      const links = [...linkRow.querySelectorAll('a')];
      expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
        'https://example.com/orders/1042',
      ]);
      expect(links[0].getAttribute('rel')).to.contain('noopener');
      expect(text(linkRow)).to.contain('http://example.com/track?id=1042');

      const image = rowWith(el, 'This is the one I mean').querySelector('img')!;
      expect(image.getAttribute('src')).to.match(/^http:\/\/localhost:\d+\/__sandbox\/files\//);
      expect(image.getAttribute('alt')).to.equal('This is the one I mean');

      const invoice = rowWith(el, 'Your invoice');
      const download = invoice.querySelector<HTMLAnchorElement>('a[download]')!;
      expect(download.getAttribute('href')).to.match(/\/__sandbox\/files\//);
      expect(text(invoice)).to.match(/\d+(\.\d)? (bytes?|kB|MB)/);

      expect(shadow(el).querySelectorAll('[part="bubble"] audio[controls]')).to.have.length(2);
      expect(shadow(el).querySelector('[part="bubble"] video[controls]')!.getAttribute('src')).to.match(
        /\/__sandbox\/files\//,
      );
      expect(rowsWith(el, en.messageCallIncoming)).to.have.length(1);
      expect(rowsWith(el, en.messageCallOutgoing)).to.have.length(1);
      expect(rowsWith(el, en.messageUnsupported)).to.have.length(1);
      expect(rowsWith(el, en.messageDeleted)).to.have.length(2);

      const reply = rowWith(el, 'Thanks, found it.');
      const quote = reply.querySelector('blockquote')!;
      expect(text(quote)).to.contain('Here is my order page');
      expect(statusOf(reply)).to.equal('Read');
      expect(statusOf(rowWith(el, "courier's number"))).to.equal('Delivered');
      expect(statusOf(rowWith(el, 'Are you still there?'))).to.equal('Sent');
      expect(statusOf(rowWith(el, 'Sending the return label'))).to.equal('Sending');

      const failed = rowWith(el, 'Your order has shipped!');
      expect(statusOf(failed)).to.equal('Not delivered');
      expect([...bubbleOf(failed).querySelectorAll('p')].map((line) => text(line))).to.include(
        en.messageFailedReason('This number is not registered in WhatsApp.'),
      );
      expect(text(shadow(el).querySelector('[part="thread-header"] h2'))).to.not.equal('');
    });
  });

  describe('sending', () => {
    it('shows a typed message at once as pending, then sent, with one POST carrying a UUID external_id', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.scenario({
        failures: [{ method: 'POST', path: messagesPath(conversation), delay_ms: 2000 }],
      });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await typeAndSend(el, 'Hello from the test');
      await waitUntil(() => rowsWith(el, 'Hello from the test').length === 1, 'not shown');
      // Still sending: shown before the server's answer, which takes 2 s.
      expect(statusOf(rowWith(el, 'Hello from the test'))).to.equal('Sending');
      expect(textarea(el).value).to.equal('');
      await waitUntil(
        () => statusOf(rowWith(el, 'Hello from the test')) === 'Sent',
        'the message never became sent',
      );
      expect(rowsWith(el, 'Hello from the test')).to.have.length(1);
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts).to.have.length(1);
      expect(posts[0].body).to.include({ text: 'Hello from the test' });
      expect(externalIdOf(posts[0])).to.match(UUID);
    });

    it('inserts a newline on Shift+Enter instead of sending', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      textarea(el).focus();
      await sendKeys({ type: 'line one' });
      await sendKeys({ press: 'Shift+Enter' });
      await sendKeys({ type: 'line two' });
      expect(textarea(el).value).to.equal('line one\nline two');
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => rowsWith(el, 'line two').length === 1 && statusOf(rowWith(el, 'line two')) === 'Sent',
        'never sent',
      );
      // Messages go out in the order they were sent: a send on Shift+Enter would be logged before this one.
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts.map((post) => (post.body as { text: string }).text)).to.deep.equal(['line one\nline two']);
    });

    it('keeps a refused message with Retry, which resends the same external_id', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.scenario({
        failures: [{ method: 'POST', path: messagesPath(conversation), status: 422, times: 1 }],
      });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await typeAndSend(el, 'Refused once');
      await waitUntil(() => text(rowWith(el, 'Refused once')).includes('Not sent'), 'no failure shown');
      const row = rowWith(el, 'Refused once');
      buttonByText(row, en.messageRetry).click();
      await waitUntil(() => statusOf(rowWith(el, 'Refused once')) === 'Sent', 'retry did not send');
      expect(text(rowWith(el, 'Refused once'))).to.not.contain('Not sent');
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts.map((post) => post.status)).to.deep.equal([422, 200]);
      expect(externalIdOf(posts[1])).to.equal(externalIdOf(posts[0]));
    });

    it('removes a refused message on Discard', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.scenario({
        failures: [{ method: 'POST', path: messagesPath(conversation), status: 422, times: 1 }],
      });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await typeAndSend(el, 'Throw me away');
      await waitUntil(() => text(rowWith(el, 'Throw me away')).includes('Not sent'), 'no failure shown');
      buttonByText(rowWith(el, 'Throw me away'), en.messageDiscard).click();
      await waitUntil(() => rowsWith(el, 'Throw me away').length === 0, 'Discard did not remove it');
      // Messages go out in the order they were written: once a later one is sent, a discarded one that
      // was still queued would have been sent before it.
      await typeAndSend(el, 'Written after');
      await waitUntil(
        () => statusOf(rowWith(el, 'Written after')) === 'Sent',
        'the later message was not sent',
      );
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts.map((post) => (post.body as { text: string }).text)).to.deep.equal([
        'Throw me away',
        'Written after',
      ]);
    });

    for (const failure of [{ status: 503 }, { drop: true }]) {
      it(`retries a transient failure (${JSON.stringify(failure)}) with the same external_id and shows it once`, async () => {
        const conversation = await tenant.createConversation({ messages: 3 });
        await tenant.scenario({
          failures: [{ method: 'POST', path: messagesPath(conversation), times: 1, ...failure }],
        });
        const el = await mount(tenant);
        await open(el, conversation.id);
        await typeAndSend(el, 'Try try again');
        await waitUntil(() => statusOf(rowWith(el, 'Try try again')) === 'Sent', 'never sent', {
          timeout: 8000,
        });
        expect(rowsWith(el, 'Try try again')).to.have.length(1);
        expect(text(rowWith(el, 'Try try again'))).to.not.contain('Not sent');
        const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
        expect(posts).to.have.length(2);
        expect(posts[0].status).to.equal(failure.drop ? null : 503);
        expect(externalIdOf(posts[1])).to.equal(externalIdOf(posts[0]));
      });
    }

    it('keeps unsent messages across a reload (IndexedDB) and sends them once, in the typed order', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const path = messagesPath(conversation);
      await tenant.scenario({ failures: [{ method: 'POST', path, drop: true, times: -1 }] });
      const first = await mount(tenant);
      await open(first, conversation.id);
      for (const line of ['queued one', 'queued two', 'queued three']) await typeAndSend(first, line);
      await waitUntil(() => rowsWith(first, 'queued three').length === 1, 'not queued');
      await waitUntil(async () => (await apiCalls(tenant, 'POST', path)).length >= 1, 'no attempt');
      first.remove();

      // A new page: another configuration object (with a socket), same backend and credential, so the
      // same stored outbox but no shared memory.
      const second = await mount(tenant, { socket: true, conversationId: conversation.id });
      await threadReady(second);
      await waitUntil(
        () => rowsWith(second, 'queued one').length === 1,
        'the unsent message was not restored',
      );
      expect(statusOf(rowWith(second, 'queued one'))).to.equal('Sending');
      await tenant.scenario({ failures: [] });
      await waitUntil(
        () =>
          ['queued one', 'queued two', 'queued three'].every(
            (line) => statusOf(rowWith(second, line)) !== 'Sending',
          ),
        'the restored messages were not sent',
        { timeout: 12_000 },
      );
      // The echoes of the sends come before it: a doubled row would be there by now.
      await socketCaughtUp(second, tenant, conversation.id);
      for (const line of ['queued one', 'queued two', 'queued three']) {
        expect(rowsWith(second, line), line).to.have.length(1);
      }
      const sent = (await apiCalls(tenant, 'POST', path)).filter((post) => post.status === 200);
      expect(sent.map((post) => (post.body as { text: string }).text)).to.deep.equal([
        'queued one',
        'queued two',
        'queued three',
      ]);
      const history = await fetch(`/api/v1/conversations/${conversation.id}/messages?limit=5`, {
        headers: { 'X-Api-Key': tenant.apiKey },
      }).then((response) => response.json() as Promise<{ data: { items: { text: string | null }[] } }>);
      const texts = history.data.items.map((message) => message.text);
      expect(texts.filter((line) => line?.startsWith('queued'))).to.deep.equal([
        'queued one',
        'queued two',
        'queued three',
      ]);
    });

    it('shows a message once when the socket echo arrives before the answer', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.scenario({ send_answer_delay_ms: 800 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await socketCaughtUp(el, tenant, conversation.id);
      // Every rendered state, from the send until the answer and after its echo.
      const counts: number[] = [];
      const observer = new MutationObserver(() => counts.push(rowsWith(el, 'Echo first').length));
      observer.observe(shadow(el), { subtree: true, childList: true, characterData: true, attributes: true });
      try {
        await typeAndSend(el, 'Echo first');
        await waitUntil(
          () =>
            rowsWith(el, 'Echo first').length > 0 && statusOf(rowsWith(el, 'Echo first')[0]) !== 'Sending',
          'the answer never came',
        );
        await socketCaughtUp(el, tenant, conversation.id);
      } finally {
        observer.disconnect();
      }
      const shown = counts.slice(counts.indexOf(1));
      expect(
        shown.length > 0 && shown.every((count) => count === 1),
        `counts seen: ${counts.join(',')}`,
      ).to.equal(true);
      const posts = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(posts).to.have.length(1);
    });

    it('sends and shows an attached PNG', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const png = await fetch(
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      ).then((response) => response.blob());
      const input = shadow(el).querySelector<HTMLInputElement>('input[type="file"]')!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([png], 'dot.png', { type: 'image/png' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await waitUntil(() => attachmentChip(el), 'the file was not attached');
      expect(text(attachmentChip(el))).to.contain('dot.png');
      textarea(el).focus();
      await sendKeys({ type: 'a dot' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rowsWith(el, 'a dot').length === 1, 'the image was not shown');
      await waitUntil(() => statusOf(rowWith(el, 'a dot')) === 'Sent', 'the image was not sent');
      expect(rowWith(el, 'a dot').querySelector('img')!.getAttribute('src')).to.match(/\/__sandbox\/files\//);
      const uploads = await apiCalls(tenant, 'POST', `/api/v1/conversations/${conversation.id}/files`);
      expect(uploads).to.have.length(1);
      expect(uploads[0].status).to.equal(200);
    });

    for (const [label, file, message] of [
      [
        'an executable',
        new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
        en.composerFileType('setup.exe'),
      ],
      [
        'a file over 100 MB',
        Object.defineProperty(new File(['x'], 'huge.pdf', { type: 'application/pdf' }), 'size', {
          value: 101 * 1024 * 1024,
        }),
        en.composerFileTooLarge('huge.pdf'),
      ],
    ] as const) {
      it(`refuses ${label} before uploading`, async () => {
        const conversation = await tenant.createConversation({ messages: 3 });
        const el = await mount(tenant);
        await open(el, conversation.id);
        const input = shadow(el).querySelector<HTMLInputElement>('input[type="file"]')!;
        const transfer = new DataTransfer();
        transfer.items.add(file);
        // DataTransfer copies the File, so the overridden size is put back on the input's copy.
        const files = transfer.files;
        if (file.size > 100 * 1024 * 1024) Object.defineProperty(files[0], 'size', { value: file.size });
        input.files = files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        await waitUntil(
          () => shadow(el).querySelector('[part="composer"] [role="alert"]'),
          'no refusal shown',
        );
        expect(text(shadow(el).querySelector('[part="composer"] [role="alert"]'))).to.equal(message);
        expect(attachmentChip(el) === null).to.equal(true);
        await sendKeys({ press: 'Enter' });
        // Messages go out in the order they were sent: once a later text is sent, anything the refused
        // file had left queued would have gone before it.
        await typeAndSend(el, 'after the refusal');
        await waitUntil(() => statusOf(rowWith(el, 'after the refusal')) === 'Sent', 'the text was not sent');
        const posts = await apiCalls(tenant, 'POST');
        expect(posts.filter((post) => post.path.includes('/files'))).to.have.length(0);
        const sent = posts.filter((post) => post.path === messagesPath(conversation));
        expect(sent.map((post) => (post.body as { text: string }).text)).to.deep.equal(['after the refusal']);
      });
    }

    it('disables the composer with the reason when the account is not connected', async () => {
      const conversation = await tenant.createConversation({ messages: 3 });
      await tenant.control('PATCH', `channels/${conversation.channel_id}`, { is_connected: false });
      const el = await mount(tenant);
      await open(el, conversation.id);
      await waitUntil(() => shadow(el).querySelector('[part="composer"] [role="status"]'), 'no reason shown');
      expect(text(shadow(el).querySelector('[part="composer"] [role="status"]'))).to.contain(
        'is not connected',
      );
      expect(textarea(el).disabled).to.equal(true);
      expect(shadow(el).querySelector<HTMLButtonElement>('[part="send"]')!.disabled).to.equal(true);
    });
  });

  describe('live updates', () => {
    it('shows an incoming message from the socket and updates the list preview', async () => {
      const conversation = await tenant.createConversation({ messages: 5 });
      const other = await tenant.createConversation({ messages: 5 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await socketCaughtUp(el, tenant, conversation.id);
      await tenant.incoming(conversation.id, { text: 'Live hello' });
      await waitUntil(() => rowsWith(el, 'Live hello').length === 1, 'the incoming message was not shown');
      await waitUntil(
        () => text(conversationButton(el, conversation.id)).includes('Live hello'),
        'the preview was not updated',
      );
      await tenant.incoming(other.id, { text: 'Elsewhere' });
      await waitUntil(
        () => text(conversationButton(el, other.id)).includes('Elsewhere'),
        'the other preview was not updated',
      );
      expect(conversationButtons(el)[0].dataset.id).to.equal(other.id);
      expect(conversationButton(el, other.id)!.querySelector('[part="unread"]') !== null).to.equal(true);
      // Reading at the bottom: the open conversation shows no unread count.
      expect(conversationButton(el, conversation.id)!.querySelector('[part="unread"]') === null).to.equal(
        true,
      );
    });

    it('while scrolled up, shows the new-messages button and marker; the button scrolls to the bottom', async () => {
      const conversation = await tenant.createConversation({ messages: 60 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await socketCaughtUp(el, tenant, conversation.id);
      const list = scroller(el);
      list.scrollTop = list.scrollHeight - list.clientHeight - 800;
      await waitUntil(() => shadow(el).querySelector('[part="jump"]'), 'no jump button when scrolled up');
      await tenant.incoming(conversation.id, { text: 'While you were away' });
      await waitUntil(
        () => text(shadow(el).querySelector('[part="jump"]')).includes(en.threadJumpToLatestCount(1)),
        'the jump button does not count the new message',
      );
      (shadow(el).querySelector('[part="jump"]') as HTMLButtonElement).click();
      await waitUntil(() => !shadow(el).querySelector('[part="jump"]'), 'the jump button stayed');
      const after = scroller(el);
      expect(after.scrollHeight - after.clientHeight - after.scrollTop).to.be.lessThan(48);
      expect(rowsWith(el, 'While you were away')).to.have.length(1);
      // The "New messages" marker sits just above the first message that arrived while scrolled up.
      const marker = rowWith(el, 'While you were away').previousElementSibling as HTMLElement;
      expect(text(marker)).to.equal(en.threadNewMessages);
      expect(marker.classList.contains('marker-row')).to.equal(true);
      expect(focusedIn(el)?.tagName).to.equal('TEXTAREA');
    });

    it('after the socket drops, shows the messages written meanwhile once each, in order', async () => {
      const calls = (fetches = trackPageFetches());
      const conversation = await tenant.createConversation({ messages: 5 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      // The sandbox closes an idle socket; phoenix's heartbeat is 30 s, so it drops and reconnects.
      await tenant.scenario({ timings: { socketIdleMs: 250 } });
      const sent: string[] = [];
      for (let index = 1; index <= 6; index++) {
        sent.push(`meanwhile ${index}`);
        await tenant.incoming(conversation.id, { text: `meanwhile ${index}` });
        // The contact's pace, so some messages come while the socket is down.
        await delay(150);
      }
      await tenant.scenario({ timings: { socketIdleMs: 60_000 } });
      await waitUntil(
        () => sent.every((line) => rowsWith(el, line).length >= 1),
        'not every message written meanwhile was shown',
        { timeout: 10_000 },
      );
      // A frame sent now comes after every earlier one; a catch-up still on its way is waited for.
      await socketCaughtUp(el, tenant, conversation.id);
      await waitUntil(() => calls.pending === 0, 'a catch-up stayed unanswered');
      await el.updateComplete;
      for (const line of sent) expect(rowsWith(el, line), line).to.have.length(1);
      const order = messageRows(el)
        .map((row) => text(bubbleOf(row).querySelector('p')))
        .filter((line) => line.startsWith('meanwhile'));
      expect(order).to.deep.equal(sent);
    });
  });

  describe('receipts without a socket', () => {
    it('shows a receipt that came while there was no socket, at the next poll', async () => {
      await tenant.scenario({ timings: { receiptDeliveredMs: 600_000, receiptReadMs: 600_000 } });
      const conversation = await tenant.createConversation({ messages: 3 });
      const el = await mount(tenant, { pollInterval: 300 });
      await open(el, conversation.id);
      await typeAndSend(el, 'Did you get the invoice?');
      await waitUntil(
        () => statusOf(rowWith(el, 'Did you get the invoice?')) === en.messageStatus('sent'),
        'the message was not sent',
      );
      const id = rowWith(el, 'Did you get the invoice?').dataset.key!;
      await tenant.setMessageStatus(id, 'read');
      await waitUntil(
        () => statusOf(rowWith(el, 'Did you get the invoice?')) === en.messageStatus('read'),
        'the read receipt never showed',
        { timeout: 5000 },
      );
      const refreshes = (await tenant.requests()).filter(
        (request) =>
          request.method === 'GET' &&
          request.path.startsWith(messagesPath(conversation)) &&
          !request.path.includes('after='),
      );
      expect(refreshes.length).to.be.greaterThan(1);
    });
  });

  describe('history paging', () => {
    it('loads older pages without moving the visible message, keeps the DOM small and reaches the start', async function () {
      this.timeout(60_000);
      const conversation = await tenant.createConversation({ messages: 600 });
      const el = await mount(tenant);
      await open(el, conversation.id);
      let maxRows = messageRows(el).length;
      let insertions = 0;
      for (let step = 0; step < 80; step++) {
        if (text(scroller(el)).includes(en.threadStart)) break;
        const list = scroller(el);
        list.scrollTop = 0;
        await delay(0);
        const top = list.getBoundingClientRect().top;
        const anchor = messageRows(el).find((row) => row.getBoundingClientRect().bottom > top)!;
        const key = anchor.dataset.key!;
        const before = anchor.getBoundingClientRect().top;
        const countBefore = messageRows(el).length;
        const firstKeyBefore = messageRows(el)[0].dataset.key;
        await waitUntil(
          () =>
            messageRows(el)[0]?.dataset.key !== firstKeyBefore || text(scroller(el)).includes(en.threadStart),
          'scrolling to the top added nothing',
          { timeout: 8000 },
        );
        await el.updateComplete;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        maxRows = Math.max(maxRows, messageRows(el).length, countBefore);
        const same = messageRows(el).find((candidate) => candidate.dataset.key === key);
        if (same) {
          insertions++;
          expect(Math.abs(same.getBoundingClientRect().top - before), `drift at step ${step}`).to.be.at.most(
            1,
          );
        }
      }
      expect(insertions).to.be.greaterThan(5);
      expect(maxRows).to.be.lessThan(200);
      await waitUntil(() => text(scroller(el)).includes(en.threadStart), 'never reached the start');
      const requests = await apiCalls(tenant, 'GET', messagesPath(conversation));
      expect(requests.length).to.be.greaterThan(10);
      // The oldest message, as the API pages back to it.
      let before: string | undefined;
      let oldest: string;
      for (;;) {
        const query = before ? `before=${before}&limit=100` : 'limit=100';
        const page = (await fetch(`${messagesPath(conversation)}?${query}`, {
          headers: { 'X-Api-Key': tenant.apiKey },
        }).then((response) => response.json())) as { data: { items: { id: string }[]; has_more: boolean } };
        oldest = page.data.items[0].id;
        before = oldest;
        if (!page.data.has_more) break;
      }
      expect(messageRows(el)[0].dataset.key).to.equal(oldest);
    });
  });

  describe('read and delete', () => {
    it('marks an unread conversation read up to the newest message when opened', async () => {
      const conversation = await tenant.createConversation({ messages: 5 });
      const newest = await tenant.incoming(conversation.id, { text: 'unread one' });
      const el = await mount(tenant);
      await listReady(el);
      expect(conversationButton(el, conversation.id)!.querySelector('[part="unread"]') !== null).to.equal(
        true,
      );
      await open(el, conversation.id);
      await waitUntil(
        async () =>
          (await apiCalls(tenant, 'POST', `/api/v1/conversations/${conversation.id}/read`)).length === 1,
        'no read call',
      );
      const [read] = await apiCalls(tenant, 'POST', `/api/v1/conversations/${conversation.id}/read`);
      expect(read.body).to.deep.equal({ up_to_message_id: newest.id });
      expect(conversationButton(el, conversation.id)!.querySelector('[part="unread"]') === null).to.equal(
        true,
      );
      const state = await tenant.state();
      expect(state.conversations.find((c) => c.id === conversation.id)!.unread_count).to.equal(0);
    });

    it('keeps the server told what was read through a burst seen live, with a few read calls, not one a message', async () => {
      const conversation = await tenant.createConversation({ messages: 5 });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await tenant.incoming(conversation.id, { text: 'first of many' });
      await waitUntil(() => rowsWith(el, 'first of many').length === 1, 'the socket did not join', {
        timeout: 8000,
      });
      await tenant.control('POST', 'burst', {
        conversation_id: conversation.id,
        text: 'burst',
        count: 60,
        within_ms: 600,
      });
      await waitUntil(() => rowsWith(el, 'burst 60').length === 1, 'the burst did not arrive', {
        timeout: 10_000,
      });
      await waitUntil(
        async () =>
          (await tenant.state()).conversations.find((c) => c.id === conversation.id)!.unread_count === 0,
        'the server still counts unread messages',
        { timeout: 5000 },
      );
      const reads = await apiCalls(tenant, 'POST', `/api/v1/conversations/${conversation.id}/read`);
      expect(reads.length).to.be.within(1, 20);
      expect(conversationButton(el, conversation.id)!.querySelector('[part="unread"]')).to.equal(null);
    });

    it('tries a read call that failed again when the next messages are seen', async () => {
      const conversation = await tenant.createConversation({ messages: 5 });
      await tenant.incoming(conversation.id, { text: 'unread one' });
      const readPath = `/api/v1/conversations/${conversation.id}/read`;
      await tenant.scenario({ failures: [{ method: 'POST', path: readPath, status: 503 }] });
      const el = await mount(tenant, { socket: true });
      await open(el, conversation.id);
      await waitUntil(
        async () => (await apiCalls(tenant, 'POST', readPath)).some((call) => call.status === 503),
        'no read call',
      );
      const unread = async () =>
        (await tenant.state()).conversations.find((c) => c.id === conversation.id)!.unread_count;
      expect(await unread()).to.be.greaterThan(0);

      await tenant.incoming(conversation.id, { text: 'another one' });
      await waitUntil(() => rowsWith(el, 'another one').length === 1, 'the new message was not shown', {
        timeout: 8000,
      });
      await waitUntil(async () => (await unread()) === 0, 'the read call was not tried again', {
        timeout: 5000,
      });
      const reads = await apiCalls(tenant, 'POST', readPath);
      expect(reads.map((call) => call.status)).to.deep.equal([503, 204]);
    });

    it('deletes a delivered WhatsApp message after confirming', async () => {
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const row = rowWith(el, "courier's number");
      row.querySelector<HTMLButtonElement>(`button[aria-label="${en.messageDelete}"]`)!.click();
      await el.updateComplete;
      buttonByText(rowWith(el, "courier's number"), en.messageDeleteConfirmAction).click();
      await waitUntil(() => rowsWith(el, "courier's number").length === 0, 'the message was not deleted');
      expect(rowsWith(el, en.messageDeleted)).to.have.length(3);
      const deletes = await apiCalls(tenant, 'DELETE');
      expect(deletes).to.have.length(1);
      expect(deletes[0].status).to.equal(204);
    });

    it('explains why a message that is not delivered cannot be deleted', async () => {
      const conversation = await tenant.createConversation({ messages: 3, all_types: true });
      const el = await mount(tenant);
      await open(el, conversation.id);
      const key = rowWith(el, "courier's number").dataset.key!;
      row(el, key).querySelector<HTMLButtonElement>(`button[aria-label="${en.messageDelete}"]`)!.click();
      await el.updateComplete;
      // The delivery is undone on the server meanwhile: the element still shows Delivered.
      await tenant.setMessageStatus(key, 'sent');
      buttonByText(row(el, key), en.messageDeleteConfirmAction).click();
      await waitUntil(() => row(el, key).querySelector('[role="alert"]'), 'no explanation shown');
      expect(text(row(el, key).querySelector('[role="alert"]'))).to.equal(en.messageDeleteNotDelivered);
      expect(text(row(el, key))).to.contain("courier's number");
    });
  });

  describe('embedding', () => {
    it('shows just one thread without the list for conversation-id', async () => {
      await tenant.createConversation({ contact: { name: 'Not Me' } });
      const conversation = await tenant.createConversation({ contact: { name: 'Only Me' }, messages: 5 });
      const el = await mount(tenant, { conversationId: conversation.id });
      await threadReady(el);
      expect(shadow(el).querySelector('[part="conversations"]') === null).to.equal(true);
      await waitUntil(
        () => text(shadow(el).querySelector('[part="thread-header"] h2')) === 'Only Me',
        'no contact name',
      );
      expect(messageRows(el)).to.have.length(5);
      expect(buttonByTextOrNull(shadow(el), en.threadBack)).to.equal(false);
    });

    it('lists only the conversations of channel-id and asks the server for them', async () => {
      const whatsapp = await tenant.createConversation({ channel: 'whatsapp' });
      const telegram = await tenant.createConversation({ channel: 'telegram' });
      const el = await mount(tenant, { channelId: telegram.channel_id });
      await listReady(el);
      expect(conversationButtons(el).map((button) => button.dataset.id)).to.deep.equal([telegram.id]);
      expect(conversationButton(el, whatsapp.id) === null).to.equal(true);
      const lists = (await tenant.requests()).filter(
        (request) => request.method === 'GET' && request.path.startsWith('/api/v1/conversations?'),
      );
      expect(lists.length).to.be.greaterThan(0);
      expect(lists.every((request) => request.path.includes(`channel_id=${telegram.channel_id}`))).to.equal(
        true,
      );
    });

    it('at narrow width shows one pane at a time; Back returns focus to the conversation', async () => {
      const conversation = await tenant.createConversation({ contact: { name: 'Narrow Nadia' } });
      const el = await mount(tenant, { style: NARROW });
      await listReady(el);
      const thread = shadow(el).querySelector<HTMLElement>('[part="thread"]')!;
      expect(thread.getBoundingClientRect().width).to.equal(0);
      await open(el, conversation.id);
      const list = shadow(el).querySelector<HTMLElement>('[part="conversations"]')!;
      expect(list.getBoundingClientRect().width).to.equal(0);
      const back = buttonByText(shadow(el), en.threadBack);
      expect(back.getBoundingClientRect().width).to.be.greaterThan(0);
      back.click();
      await waitUntil(
        () => focusedIn(el)?.getAttribute('data-id') === conversation.id,
        'focus did not return to the conversation',
      );
      expect(shadow(el).querySelector('[part="messages"]') === null).to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('Tab to a conversation, Enter opens it with focus in the composer, Enter sends, Escape cancels a reply', async () => {
      const conversation = await tenant.createConversation({
        contact: { name: 'Keyboard Kim' },
        messages: 5,
      });
      const el = await mount(tenant);
      await listReady(el);
      shadow(el).querySelector<HTMLInputElement>('#search')!.focus();
      for (let presses = 0; presses < 10; presses++) {
        if (focusedIn(el)?.getAttribute('data-id') === conversation.id) break;
        await sendKeys({ press: 'Tab' });
      }
      expect(focusedIn(el)?.getAttribute('data-id')).to.equal(conversation.id);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focusedIn(el) === textarea(el), 'focus did not move to the composer');
      expect(text(shadow(el).querySelector('[part="thread-header"] h2'))).to.equal('Keyboard Kim');

      const replyButton = messageRows(el)
        .filter((row) => !isOutgoing(row))
        .map((row) => row.querySelector<HTMLButtonElement>(`button[aria-label^="${en.messageReplyTo('')}"]`))
        .find(Boolean)!;
      replyButton.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => replyChip(el), 'no reply chip');
      expect(focusedIn(el)?.tagName).to.equal('TEXTAREA');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !replyChip(el), 'Escape did not cancel the reply');

      await sendKeys({ type: 'typed by keyboard' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => rowsWith(el, 'typed by keyboard').length === 1, 'Enter did not send');
      await waitUntil(async () => (await apiCalls(tenant, 'POST', messagesPath(conversation))).length === 1);
      const [post] = await apiCalls(tenant, 'POST', messagesPath(conversation));
      expect(post.body).to.not.have.property('reply_to_message_id');
    });

    it('keyboard only: one tab stop per list, arrows inside, shortcuts on the focused message', async () => {
      const quiet = await tenant.createConversation({ contact: { name: 'Quiet Quentin' }, messages: 2 });
      const busy = await tenant.createConversation({
        contact: { name: 'Busy Bella' },
        messages: 40,
        all_types: true,
      });
      const el = await mount(tenant);
      await listReady(el);
      const [first, second] = conversationButtons(el);
      expect([first.dataset.id, second.dataset.id].sort()).to.deep.equal([quiet.id, busy.id].sort());

      // The list is one tab stop: Tab from the search lands on the first conversation, the next Tab leaves the list.
      shadow(el).querySelector<HTMLInputElement>('#search')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focusedIn(el)).to.equal(first);
      expect(conversationButtons(el).filter((button) => button.tabIndex === 0)).to.have.length(1);
      await sendKeys({ press: 'ArrowDown' });
      expect(focusedIn(el)).to.equal(second);
      await sendKeys({ press: 'ArrowUp' });
      expect(focusedIn(el)).to.equal(first);
      await sendKeys({ press: 'End' });
      expect(focusedIn(el)).to.equal(second);
      await sendKeys({ press: 'Home' });
      if (first.dataset.id !== busy.id) await sendKeys({ press: 'ArrowDown' });
      expect(focusedIn(el)?.getAttribute('data-id')).to.equal(busy.id);
      await sendKeys({ press: 'Enter' });
      await threadReady(el);
      await waitUntil(() => focusedIn(el) === textarea(el), 'the composer was not focused on open');

      // Back from the composer to the messages: the composer's emoji and attach buttons and the newest
      // message's own actions (Reply, React, Copy, Edit, Forward, Delete), never those of every message.
      let presses = 0;
      while (!focusedIn(el)?.matches('[part="messages"] [role="listitem"]') && presses < 12) {
        await sendKeys({ press: 'Shift+Tab' });
        presses++;
      }
      const rows = messageRows(el);
      expect(focusedIn(el)).to.equal(rows[rows.length - 1], 'the newest message holds the tab stop');
      expect(presses).to.be.below(10);
      expect(rows.filter((row) => row.tabIndex === 0)).to.have.length(1);
      const tabbableButtons = rows.flatMap((row) =>
        [...row.querySelectorAll<HTMLElement>('button')].filter((button) => button.tabIndex >= 0),
      );
      expect(tabbableButtons.every((button) => rows[rows.length - 1].contains(button))).to.equal(true);

      // Arrows move between messages; R answers the focused one.
      await sendKeys({ press: 'ArrowUp' });
      const previous = rows[rows.length - 2];
      expect(focusedIn(el)).to.equal(previous);
      await sendKeys({ press: 'ArrowDown' });
      expect(focusedIn(el)).to.equal(rows[rows.length - 1]);
      const courier = rowWith(el, "courier's number");
      courier.focus();
      await sendKeys({ press: 'r' });
      await waitUntil(
        () => text(shadow(el).querySelector('[part="composer"]')).includes("courier's number"),
        'R did not reply',
      );
      expect(focusedIn(el)).to.equal(textarea(el));
      await sendKeys({ press: 'Escape' });

      // Delete on a delivered message of one's own asks first, with the focus on Keep; Escape gives the message back.
      courier.focus();
      await sendKeys({ press: 'Delete' });
      await waitUntil(() => text(focusedIn(el)) === en.messageDeleteCancel, 'Delete did not ask');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !courier.querySelector('[role="group"]'), 'Escape did not close the question');
      expect((await apiCalls(tenant, 'DELETE')).length).to.equal(0);

      // Escape on a message goes to the composer.
      courier.focus();
      await sendKeys({ press: 'Escape' });
      expect(focusedIn(el)).to.equal(textarea(el));
    });
  });

  describe('accessibility', () => {
    for (const options of [{}, { theme: 'dark' as const }, { dir: 'rtl', lang: 'ar' }]) {
      it(`passes axe in the list, thread and error states ${JSON.stringify(options)}`, async function () {
        this.timeout(40_000);
        const conversation = await tenant.createConversation({ messages: 3, all_types: true });
        const el = await mount(tenant, options);
        await listReady(el);
        await expect(el).to.be.accessible();
        await open(el, conversation.id);
        await expect(el).to.be.accessible();

        await tenant.scenario({
          failures: [{ method: 'GET', path: '/api/v1/conversations', status: 500, times: -1 }],
        });
        const failing = await mount(tenant, { ...options, channelId: conversation.channel_id + 1000 });
        await waitUntil(() => shadow(failing).querySelector('[role="alert"]'), 'no error state', {
          timeout: 8000,
        });
        await expect(failing).to.be.accessible();
        await tenant.scenario({ failures: [] });
      });
    }
  });

  it('makes no more requests once removed mid-load', async () => {
    const calls = (fetches = trackPageFetches());
    await tenant.createConversation({ messages: 5 });
    await tenant.scenario({ failures: [{ method: 'GET', path: '/api/v1/conversations', delay_ms: 2000 }] });
    const el = await mount(tenant, { socket: true, pollInterval: 100 });
    await waitUntil(
      async () =>
        (await apiCalls(tenant, 'GET', '/api/v1/conversations')).some((call) => call.status === null),
      'the list was not loading',
    );
    el.remove();
    await waitUntil(() => calls.pending === 0, 'the load in flight was not given up');
    const started = calls.started;
    // Counted in the page: a call aborted at the removal can still reach the sandbox's log later. Only a
    // quiet stretch shows that nothing more is asked: ten poll intervals on the page's own timers, which
    // run in the order they fall due, so a slow machine only makes it longer.
    await delay(1000);
    expect(calls.urls.slice(started), 'calls started after removal').to.deep.equal([]);
    expect(shadow(el).querySelector('[part="conversation"]') === null).to.equal(true);
  });
});

function row(el: ConversationView, key: string): HTMLElement {
  const found = messageRows(el).find((candidate) => candidate.dataset.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

function buttonByTextOrNull(root: ParentNode, label: string): boolean {
  return [...root.querySelectorAll('button')].some((button) => text(button).includes(label));
}
