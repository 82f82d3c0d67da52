export type ConnectStep = 'pick' | 'qr' | 'credentials' | 'verify' | 'done';

export interface StepChangeDetail {
  step: ConnectStep;
  channel: 'whatsapp' | 'telegram' | 'instagram' | null;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** `channel-connect` moved to another step. */
    'inbox-step-change': CustomEvent<StepChangeDetail>;
  }
}
