import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import sinon from 'sinon';
import { PresenceController } from '../../src/elements/conversation-view/presence.controller.js';

function host(): ReactiveControllerHost & { updates: number } {
  const controllers: ReactiveController[] = [];
  return {
    updates: 0,
    addController: (controller) => controllers.push(controller),
    removeController: () => {},
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}

describe('PresenceController', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.UTC(2026, 11, 3, 12) });
  });

  afterEach(() => clock.restore());

  it('shows a contact writing until the time the frame gives', () => {
    const presence = new PresenceController(host());
    presence.typing('c1', Date.now() + 5000);
    expect(presence.isTyping('c1')).to.equal(true);
    clock.tick(5001);
    expect(presence.isTyping('c1')).to.equal(false);
  });

  it('ends a far-off typing after 30 s, with one timer, not a loop of them', () => {
    const presence = new PresenceController(host());
    presence.typing('c1', Date.now() + 10 * 365 * 24 * 3600_000);
    expect(presence.isTyping('c1')).to.equal(true);
    expect(clock.countTimers()).to.equal(1);
    clock.tick(30_001);
    expect(presence.isTyping('c1')).to.equal(false);
    expect(clock.countTimers()).to.equal(0);
  });
});
