import { expect } from '@open-wc/testing';
import {
  parseChannelList,
  parseErrorEnvelope,
  parseInstagramConnectResult,
  parseQrAttemptStatus,
  parseQrConnectStart,
  parseSuccessEnvelope,
} from '../../src/api/validate-answers.js';
import { ShapeError, parseChannel } from '../../src/api/validate.js';

const channel = {
  id: 5,
  type: 'whatsapp',
  username: '+966501234567',
  is_connected: true,
  sync_status: 'OK',
  last_synced_at: '2026-03-11T10:00:00+03:00',
};

describe('answer guards', () => {
  describe('parseChannel', () => {
    it('keeps the contract fields and drops the rest', () => {
      expect(parseChannel({ ...channel, completed: true, extra: 1 })).to.deep.equal(channel);
    });

    it('keeps a sync_status it does not know', () => {
      expect(parseChannel({ ...channel, sync_status: 'PAUSED_BY_META' }).sync_status).to.eql(
        'PAUSED_BY_META',
      );
    });

    it('reads an absent nullable field as null: a 2FA answer leaves last_synced_at out', () => {
      const withoutSync: Record<string, unknown> = { ...channel };
      delete withoutSync.last_synced_at;
      expect(parseChannel({ ...withoutSync, username: null }).last_synced_at).to.equal(null);
    });

    const wrong: [string, Record<string, unknown>][] = [
      ['a fractional id', { id: 5.5 }],
      ['a string id', { id: '5' }],
      ['an unknown type', { type: 'signal' }],
      ['a string is_connected', { is_connected: 'true' }],
      ['a missing sync_status', { sync_status: undefined }],
      ['a numeric username', { username: 966 }],
      ['a numeric last_synced_at', { last_synced_at: 0 }],
    ];
    for (const [what, patch] of wrong) {
      it(`refuses ${what}`, () => {
        expect(() => parseChannel({ ...channel, ...patch })).to.throw(ShapeError);
      });
    }

    it('names the field that is wrong', () => {
      expect(() => parseChannel({ ...channel, is_connected: 1 })).to.throw(/channel\.is_connected/);
    });

    it('refuses what is not an object', () => {
      for (const value of [null, [], 'channel', 5, undefined]) {
        expect(() => parseChannel(value)).to.throw(ShapeError);
      }
    });
  });

  it('parseChannelList wants an array of channels', () => {
    expect(parseChannelList([channel])).to.deep.equal([channel]);
    expect(() => parseChannelList({ items: [channel] })).to.throw(ShapeError);
  });

  it('parseChannelList leaves out a channel without the contract shape and reports it', () => {
    const skipped: unknown[] = [];
    const list = parseChannelList([channel, { id: 1 }, { ...channel, id: 6 }], (record) =>
      skipped.push(record),
    );
    expect(list.map(({ id }) => id)).to.deep.equal([5, 6]);
    expect(skipped).to.have.length(1);
    expect(skipped[0]).to.include({ kind: 'channel', id: '1' });
    expect((skipped[0] as { reason: string }).reason).to.match(/^channel\.type: expected one of/);
  });

  it('refuses a date that Date cannot read, which would throw while rendering', () => {
    expect(() => parseChannel({ ...channel, last_synced_at: 'yesterday' })).to.throw(/last_synced_at/);
    expect(parseChannel({ ...channel, last_synced_at: '2026-03-11T10:00:00Z' }).last_synced_at).to.equal(
      '2026-03-11T10:00:00Z',
    );
  });

  it('parseQrConnectStart wants string account_id and qr_code', () => {
    expect(parseQrConnectStart({ account_id: 'wa_1', qr_code: '2@abc' })).to.deep.equal({
      account_id: 'wa_1',
      qr_code: '2@abc',
    });
    expect(() => parseQrConnectStart({ account_id: 1, qr_code: '2@abc' })).to.throw(ShapeError);
    expect(() => parseQrConnectStart({ account_id: 'wa_1' })).to.throw(ShapeError);
  });

  describe('parseQrAttemptStatus', () => {
    const waiting = { ...channel, id: null, is_connected: false, completed: false, in_progress: true };

    it('allows an attempt without a channel id and keeps the optional QR fields', () => {
      const status = {
        ...waiting,
        qr_code: null,
        qr_expires_at: '2026-03-11T10:00:00Z',
        qr_index: 2,
        qr_total: 3,
      };
      expect(parseQrAttemptStatus(status)).to.deep.equal(status);
    });

    it('leaves the optional QR fields out when the backend does not send them', () => {
      expect(parseQrAttemptStatus(waiting)).to.not.have.any.keys(
        'qr_code',
        'qr_index',
        'qr_total',
        'qr_expires_at',
      );
    });

    it('wants booleans completed and in_progress', () => {
      expect(() => parseQrAttemptStatus({ ...waiting, completed: 'no' })).to.throw(ShapeError);
      expect(() => parseQrAttemptStatus({ ...waiting, in_progress: undefined })).to.throw(ShapeError);
      expect(() => parseQrAttemptStatus({ ...waiting, qr_index: '1' })).to.throw(ShapeError);
    });
  });

  describe('parseInstagramConnectResult', () => {
    it('reads a channel as connected', () => {
      const instagram = { ...channel, type: 'instagram' };
      expect(parseInstagramConnectResult(instagram, undefined)).to.deep.equal({
        kind: 'connected',
        channel: instagram,
      });
    });

    it('reads requires_2fa as a challenge with the envelope message', () => {
      const challenge = { requires_2fa: true, account_id: 'ig_1', checkpoint_type: 'OTP' };
      expect(parseInstagramConnectResult(challenge, 'Code sent.')).to.deep.equal({
        kind: 'challenge',
        challenge,
        message: 'Code sent.',
      });
      expect(parseInstagramConnectResult(challenge, undefined)).to.deep.equal({
        kind: 'challenge',
        challenge,
      });
    });

    it('refuses a challenge without an account id', () => {
      expect(() =>
        parseInstagramConnectResult({ requires_2fa: true, checkpoint_type: 'OTP' }, undefined),
      ).to.throw(ShapeError);
    });
  });

  it('parseSuccessEnvelope unwraps only { success: true }', () => {
    expect(parseSuccessEnvelope({ success: true, data: [1], message: 'hi' })).to.deep.equal({
      data: [1],
      message: 'hi',
    });
    expect(parseSuccessEnvelope({ success: true, message: 'resent' })).to.deep.equal({
      data: undefined,
      message: 'resent',
    });
    expect(() => parseSuccessEnvelope({ data: channel })).to.throw(ShapeError);
    expect(() => parseSuccessEnvelope({ success: false, message: 'no' })).to.throw(ShapeError);
    expect(() => parseSuccessEnvelope([channel])).to.throw(ShapeError);
    expect(() => parseSuccessEnvelope({ success: true, message: 3 })).to.throw(ShapeError);
  });

  it('parseErrorEnvelope reads what it can and never throws', () => {
    expect(
      parseErrorEnvelope({
        success: false,
        message: 'Invalid.',
        errors: { code: ['Wrong code.'], other: 'One.' },
      }),
    ).to.deep.equal({ message: 'Invalid.', fieldErrors: { code: ['Wrong code.'], other: ['One.'] } });
    expect(parseErrorEnvelope('<html>')).to.deep.equal({ message: undefined, fieldErrors: undefined });
    expect(parseErrorEnvelope(undefined)).to.deep.equal({ message: undefined, fieldErrors: undefined });
  });
});
