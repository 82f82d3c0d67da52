import type { ReactiveControllerHost } from 'lit';
import type { Conversation, Message } from '../../api/types.js';
import type { InboxServices } from '../../config/services.js';
import { FrameBatchController } from '../../controllers/frame-batch.controller.js';
import { InboxLiveController } from '../../controllers/inbox-live.controller.js';
import { channelOfFrame } from '../../realtime/channel-frame.js';
import {
  type StatusReport,
  type PresenceReport,
  conversationOfFrame,
  deletionOfFrame,
  messageOfFrame,
  presenceOfFrame,
  statusOfFrame,
  typingOfFrame,
} from '../../realtime/inbox-frames.js';

/** An `inbox` frame about messages or conversations, applied with the rest of its animation frame. */
type LiveUpdate =
  | { message: Message }
  | { report: StatusReport }
  | { deletion: { id: string; conversation_id: string } }
  | { update: Message }
  | { conversation: Conversation };

/** What one animation frame's worth of `inbox` frames said, in the order it is applied. */
export interface LiveBatch {
  messages: Message[];
  reports: StatusReport[];
  deletions: { id: string; conversation_id: string }[];
  /** Newer copies of messages already sent (`message:reaction`, `message:edited`). */
  updates: Message[];
  conversations: Conversation[];
}

export interface LiveFramesOptions {
  services(): InboxServices | undefined;
  intervalMs(): number;
  /** Fetches what may have been missed: after a (re)join, a poll, or the page becoming visible. */
  catchUp(): Promise<void>;
  apply(batch: LiveBatch): void;
  /** The contact of a conversation writes until `until` (ms); only backends that report it send it. */
  onTyping(conversationId: string, until: number): void;
  onPresence(report: PresenceReport): void;
}

/**
 * The `inbox` topic for the conversation view: frames about messages, receipts, deletions and
 * conversations are checked, collected and handed over once per animation frame; account status frames
 * go to the shared channel store at once. Without a socket, `catchUp()` runs on a timer instead.
 */
export class LiveFramesController {
  private readonly batch: FrameBatchController<LiveUpdate>;
  private readonly live: InboxLiveController;

  constructor(host: ReactiveControllerHost, options: LiveFramesOptions) {
    this.batch = new FrameBatchController<LiveUpdate>(host, (updates) => options.apply(batchOf(updates)));
    this.live = new InboxLiveController(host, {
      services: options.services,
      intervalMs: options.intervalMs,
      reload: options.catchUp,
      reloadWhenVisible: true,
      handlers: {
        'message:new': (payload) => {
          const message = messageOfFrame(payload);
          if (message) this.batch.add({ message });
        },
        'message:status': (payload) => {
          const report = statusOfFrame(payload);
          if (report) this.batch.add({ report });
        },
        'message:deleted': (payload) => {
          const deletion = deletionOfFrame(payload);
          if (deletion) this.batch.add({ deletion });
        },
        'message:edited': (payload) => {
          const update = messageOfFrame(payload);
          if (update) this.batch.add({ update });
        },
        'message:reaction': (payload) => {
          const update = messageOfFrame(payload);
          if (update) this.batch.add({ update });
        },
        'conversation:updated': (payload) => {
          const conversation = conversationOfFrame(payload);
          if (conversation) this.batch.add({ conversation });
        },
        typing: (payload) => {
          const typing = typingOfFrame(payload);
          if (typing) options.onTyping(typing.conversation_id, typing.until);
        },
        presence: (payload) => {
          const presence = presenceOfFrame(payload);
          if (presence) options.onPresence(presence);
        },
        'channel:status': (payload) => {
          const channel = channelOfFrame(payload);
          if (channel) options.services()?.channels.upsert(channel, { broadcast: false });
        },
      },
    });
  }

  /** Follows the current services; call when they change. */
  restart(): void {
    this.live.restart();
  }

  /** The poll interval changed. */
  reschedule(): void {
    this.live.reschedule();
  }

  /** Drops frames not yet applied: the view they belong to is gone. */
  clear(): void {
    this.batch.clear();
  }
}

function batchOf(updates: LiveUpdate[]): LiveBatch {
  const batch: LiveBatch = { messages: [], reports: [], deletions: [], updates: [], conversations: [] };
  for (const update of updates) {
    if ('message' in update) batch.messages.push(update.message);
    else if ('report' in update) batch.reports.push(update.report);
    else if ('deletion' in update) batch.deletions.push(update.deletion);
    else if ('update' in update) batch.updates.push(update.update);
    else batch.conversations.push(update.conversation);
  }
  return batch;
}
