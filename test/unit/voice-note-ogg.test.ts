/**
 * The voice note's WebM → Ogg/Opus remux: a recording made by this Chromium's MediaRecorder comes out as an
 * Ogg file whose every page checks out, and which Chromium's own decoder plays with the same length and sound.
 */
import { expect } from '@open-wc/testing';
import {
  oggCrc,
  opusPacketSamples,
  webmToOggOpus,
} from '../../src/elements/conversation-view/voice-note-ogg.js';
import { peakOf, startTone, toneFor } from '../helpers/tone.js';

interface OggPage {
  flags: number;
  granule: number;
  sequence: number;
  serial: number;
  crcMatches: boolean;
  body: Uint8Array;
}

/** Reads Ogg pages back, checking each page's CRC the way a demuxer does. */
function oggPages(bytes: Uint8Array): OggPage[] {
  const pages: OggPage[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
    expect(new TextDecoder().decode(bytes.subarray(offset, offset + 4))).to.equal('OggS');
    const segments = bytes[offset + 26];
    const lacing = bytes.subarray(offset + 27, offset + 27 + segments);
    const bodyLength = lacing.reduce((total, value) => total + value, 0);
    const length = 27 + segments + bodyLength;
    const copy = bytes.slice(offset, offset + length);
    copy.fill(0, 22, 26);
    pages.push({
      flags: bytes[offset + 5],
      granule: view.getUint32(6, true) + view.getUint32(10, true) * 2 ** 32,
      serial: view.getUint32(14, true),
      sequence: view.getUint32(18, true),
      crcMatches: oggCrc(copy) === view.getUint32(22, true),
      body: bytes.subarray(offset + 27 + segments, offset + length),
    });
    offset += length;
  }
  return pages;
}

async function record(seconds: number): Promise<Blob> {
  const tone = await startTone();
  const recorder = new MediaRecorder(tone.stream, { mimeType: 'audio/webm;codecs=opus' });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
  const stopped = new Promise((resolve) => recorder.addEventListener('stop', resolve));
  recorder.start(250);
  await toneFor(tone, seconds);
  recorder.stop();
  await stopped;
  await tone.context.close();
  return new Blob(chunks, { type: recorder.mimeType });
}

async function decode(blob: Blob): Promise<AudioBuffer> {
  const context = new OfflineAudioContext(1, 1, 48_000);
  return context.decodeAudioData(await blob.arrayBuffer());
}

describe('voice notes: WebM/Opus to Ogg/Opus', () => {
  it('computes Ogg’s CRC (polynomial 0x04c11db7, no reflection, zero start): the known check value', () => {
    expect(oggCrc(new TextEncoder().encode('123456789'))).to.equal(0x89a1897f);
  });

  it('counts the samples of an Opus packet from its table-of-contents byte', () => {
    expect(opusPacketSamples(Uint8Array.of(0xfc)), 'CELT 20 ms, one frame').to.equal(960);
    expect(opusPacketSamples(Uint8Array.of(0x78 | 0x01)), 'hybrid 20 ms, two frames').to.equal(1920);
    expect(opusPacketSamples(Uint8Array.of(0x18 | 0x03, 3)), 'SILK 60 ms, three frames').to.equal(8640);
    expect(opusPacketSamples(Uint8Array.of(0x80)), 'CELT 2.5 ms').to.equal(120);
  });

  it('remuxes this browser’s recording into pages that check out and decode to the same sound', async () => {
    const webm = await record(1.2);
    const ogg = await webmToOggOpus(webm);
    expect(ogg.type).to.equal('audio/ogg; codecs=opus');
    const pages = oggPages(new Uint8Array(await ogg.arrayBuffer()));

    expect(pages.length).to.be.greaterThan(2);
    expect(
      pages.every((page) => page.crcMatches),
      'a page’s CRC does not match',
    ).to.equal(true);
    expect(pages.map((page) => page.sequence)).to.deep.equal(pages.map((_, index) => index));
    expect(new Set(pages.map((page) => page.serial)).size).to.equal(1);
    expect(pages[0].flags).to.equal(0x02);
    expect(new TextDecoder().decode(pages[0].body.subarray(0, 8))).to.equal('OpusHead');
    expect(new TextDecoder().decode(pages[1].body.subarray(0, 8))).to.equal('OpusTags');
    expect(pages.at(-1)!.flags & 0x04, 'the last page is not marked last').to.equal(0x04);
    const granules = pages.slice(2).map((page) => page.granule);
    expect(granules).to.deep.equal([...granules].sort((a, b) => a - b));

    const [fromWebm, fromOgg] = await Promise.all([decode(webm), decode(ogg)]);
    expect(fromOgg.duration).to.be.greaterThan(1);
    expect(Math.abs(fromOgg.duration - fromWebm.duration)).to.be.lessThan(0.1);
    expect(peakOf(fromOgg), 'the tone is missing from the Ogg file').to.be.greaterThan(0.1);
  });

  it('refuses what is not a WebM recording with Opus in it', async () => {
    let failure: unknown;
    await webmToOggOpus(new Blob(['not a recording'])).catch((error: unknown) => (failure = error));
    expect(failure).to.be.instanceOf(RangeError);
  });
});
