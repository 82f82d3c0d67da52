import type { ChannelType } from '../api/types.js';

export type ConnectStep = 'pick' | 'qr' | 'phone' | 'credentials' | 'verify' | 'done';

export interface StepChangeDetail {
  step: ConnectStep;
  channel: ChannelType | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** `channel-connect` moved to another step. */
    'inbox-step-change': CustomEvent<StepChangeDetail>;
  }
}
