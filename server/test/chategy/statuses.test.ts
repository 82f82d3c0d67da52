import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHATEGY_STATUSES } from '../../src/providers/chategy/status-list.js';
import {
  deliveryStatusTable,
  mapDeliveryStatus,
  mapWhatsappStatus,
  WHATSAPP_STATUS_NAMES,
} from '../../src/providers/chategy/statuses.js';

describe('Chategy status mapping', () => {
  it('holds every status_id of the documented list once', () => {
    const ids = CHATEGY_STATUSES.map((entry) => entry.id);
    assert.equal(ids.length, 56);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of [0, 1, 2, 6, 16, 44, 45, 50, 257, 555, 1281, 2291])
      assert.ok(ids.includes(id), `status ${id}`);
  });

  it('maps intermediate statuses to sent, 2 to delivered, 16 to read, and 4 to a deletion', () => {
    for (const entry of CHATEGY_STATUSES.filter((item) => !item.final)) {
      assert.deepEqual(mapDeliveryStatus(entry.id), { status: 'sent', error: null }, `status ${entry.id}`);
    }
    assert.deepEqual(mapDeliveryStatus(2), { status: 'delivered', error: null });
    assert.deepEqual(mapDeliveryStatus(16), { status: 'read', error: null });
    assert.equal(mapDeliveryStatus(4), undefined);
  });

  it("fails every other final status with Chategy's explanation in words", () => {
    const failures = deliveryStatusTable().filter(({ mapped }) => mapped?.status === 'failed');
    assert.equal(failures.length, 56 - 6 - 3);
    for (const { entry, mapped } of failures) {
      assert.ok(entry.final, `status ${entry.id} is final`);
      assert.equal(mapped?.error, `${entry.explanation}: ${entry.description}`);
    }
    assert.equal(
      mapDeliveryStatus(45)?.error,
      'WhatsApp session not started: Message not delivered because your WhatsApp is not authorized in the message sending service. To log in, scan the QR code.',
    );
    assert.deepEqual(mapDeliveryStatus(9999), {
      status: 'failed',
      error: 'The provider reported status 9999.',
    });
  });

  it('maps every WhatsApp status webhook value', () => {
    assert.equal(WHATSAPP_STATUS_NAMES.length, 10);
    assert.equal(mapWhatsappStatus('received')?.status, 'delivered');
    assert.equal(mapWhatsappStatus('played')?.status, 'played');
    assert.equal(mapWhatsappStatus('content_too_big')?.error, 'Content too large to send.');
    assert.equal(mapWhatsappStatus('nonsense'), undefined);
  });
});
