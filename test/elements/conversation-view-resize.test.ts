/**
 * <conversation-view> keeps the reader's place when it changes size: a thread opened while two panes fit,
 * then narrowed to one (the host resizes, the phone rotates), stays at its newest message when it was
 * there, and keeps the message the user was reading at the top of the view when scrolled up.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import sinon from 'sinon';
import { waitUntil } from '../helpers/async.js';
import '../helpers/lit-warnings.js';
import { fastTimings, SandboxTenant } from '../helpers/sandbox.js';
import { messageRows, mount, open, scroller, shadow } from '../helpers/conversation-view.js';
import type { ConversationView } from '../../src/elements/conversation-view/conversation-view.component.js';

const WIDE = '--inbox-conversation-height: 560px; width: 1280px';
const LONG_TEXT =
  'The parcel left the warehouse this morning, the courier says it should reach the pickup point by ' +
  'Thursday afternoon, and you will get a text with the code to collect it; bring your ID as well.';

function fromBottom(list: HTMLElement): number {
  return list.scrollHeight - list.clientHeight - list.scrollTop;
}

/** An open thread of a long history whose messages wrap to more lines in one pane than in two. */
async function openLongThread(tenant: SandboxTenant): Promise<ConversationView> {
  const conversation = await tenant.createConversation({ messages: 40 });
  for (let index = 0; index < 24; index += 1) {
    await tenant.incoming(conversation.id, { text: `${index + 1}. ${LONG_TEXT}` });
  }
  const el = await mount(tenant, { style: WIDE });
  await open(el, conversation.id);
  const list = scroller(el);
  await waitUntil(
    () => messageRows(el).length >= 50 && list.scrollHeight > list.clientHeight * 3 && fromBottom(list) < 2,
    'the thread did not open at its newest message',
    { timeout: 8000 },
  );
  return el;
}

/** Narrows the element to a phone's width and waits until it shows one pane: the thread alone. */
async function narrow(el: ConversationView): Promise<void> {
  el.style.width = '390px';
  await waitUntil(
    () =>
      scroller(el).getBoundingClientRect().width <= 390 &&
      shadow(el).querySelector<HTMLElement>('[part="conversations"]')?.getBoundingClientRect().width === 0,
    'the element did not switch to one pane',
  );
}

async function newestInView(el: ConversationView): Promise<void> {
  const list = scroller(el);
  const newest = messageRows(el).at(-1)!;
  await waitUntil(() => {
    const view = list.getBoundingClientRect();
    const box = newest.getBoundingClientRect();
    return box.bottom <= view.bottom + 1 && box.bottom > view.top;
  }, 'the newest message is below the view');
}

describe('<conversation-view> resized', () => {
  let tenant: SandboxTenant;

  before(async () => {
    await setViewport({ width: 1300, height: 800 });
  });

  beforeEach(async () => {
    tenant = new SandboxTenant();
    await tenant.scenario({ timings: fastTimings });
  });

  it('stays at the newest message when a thread read at its bottom is narrowed to one pane', async () => {
    const el = await openLongThread(tenant);
    const list = scroller(el);
    const heightBefore = list.scrollHeight;
    await narrow(el);
    expect(list.scrollHeight, 'the messages did not wrap to more lines').to.be.above(heightBefore * 1.15);
    await newestInView(el);
    expect(shadow(el).querySelector('[part="jump"]'), 'shows the "new messages" button').to.equal(null);
  });

  it('keeps the message at the top of the view there when a thread scrolled up is narrowed', async () => {
    const el = await openLongThread(tenant);
    const list = scroller(el);
    const rows = messageRows(el);
    const target = rows[rows.length - 12];
    list.scrollTop += target.getBoundingClientRect().top - list.getBoundingClientRect().top - 10;
    await waitUntil(() => shadow(el).querySelector('[part="jump"]'), 'no "new messages" button scrolled up');
    const offset = () => target.getBoundingClientRect().top - list.getBoundingClientRect().top;
    expect(offset()).to.be.closeTo(10, 1);
    await narrow(el);
    await waitUntil(() => Math.abs(offset() - 10) <= 2, 'the message read at the top of the view moved');
    expect(target.isConnected, 'the message read left the DOM').to.equal(true);
    expect(shadow(el).querySelector('[part="jump"]'), 'the "new messages" button went away').to.not.equal(
      null,
    );
  });

  it('stops watching its size when removed, and watches it again when put back', async () => {
    const el = await openLongThread(tenant);
    const disconnect = sinon.spy(ResizeObserver.prototype, 'disconnect');
    try {
      const parent = el.parentElement!;
      el.remove();
      expect(disconnect.called, 'the resize observer is left running').to.equal(true);
      parent.append(el);
    } finally {
      disconnect.restore();
    }
    await narrow(el);
    await newestInView(el);
  });
});
