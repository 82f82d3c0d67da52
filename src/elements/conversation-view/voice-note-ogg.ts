/**
 * Chromium records voice as Opus in WebM; the providers take Opus only in Ogg (docs/providers.md#sending-files).
 * The Opus packets stay as they are: they move from WebM's blocks into Ogg pages, with Ogg's Opus headers
 * (RFC 7845) in front. No audio is decoded or encoded again.
 */

const EBML_IDS = {
  segment: 0x18538067,
  cluster: 0x1f43b675,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  codecId: 0x86,
  codecPrivate: 0x63a2,
  codecDelay: 0x56aa,
  audio: 0xe1,
  channels: 0x9f,
  blockGroup: 0xa0,
  block: 0xa1,
  simpleBlock: 0xa3,
} as const;

/** Elements whose children are read in place; every other element is skipped by its size. */
const DESCENDED = new Set<number>([
  EBML_IDS.segment,
  EBML_IDS.cluster,
  EBML_IDS.tracks,
  EBML_IDS.trackEntry,
  EBML_IDS.audio,
  EBML_IDS.blockGroup,
]);

const OPUS_SAMPLE_RATE = 48_000;
/** What libopus puts in front of its output when the file does not say (RFC 7845 §4.2's usual value). */
const DEFAULT_PRE_SKIP = 312;
const MAX_SEGMENTS_PER_PAGE = 255;

interface VariableInteger {
  value: number;
  length: number;
  /** All value bits set: an element whose size is not known (a live recording's segment and clusters). */
  unknown: boolean;
}

function readVariableInteger(bytes: Uint8Array, offset: number, keepMarker: boolean): VariableInteger {
  const first = bytes[offset];
  if (first === undefined || first === 0) throw new RangeError(`no EBML number at byte ${offset}`);
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) throw new RangeError(`EBML number past the end at byte ${offset}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index += 1) {
    const byte = bytes[offset + index];
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUnsigned(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

interface OpusTrack {
  number: number;
  codec?: string;
  head: Uint8Array | undefined;
  channels: number;
  preSkip: number;
}

/** The Opus track and its packets, in order, from a WebM file. */
export function readWebmOpus(bytes: Uint8Array): { track: OpusTrack; packets: Uint8Array[] } {
  const tracks: OpusTrack[] = [];
  let current: OpusTrack | undefined;
  const blocks: { track: number; data: Uint8Array }[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const id = readVariableInteger(bytes, offset, true);
    const size = readVariableInteger(bytes, offset + id.length, false);
    const start = offset + id.length + size.length;
    if (id.value === EBML_IDS.trackEntry) {
      current = { number: 0, head: undefined, channels: 1, preSkip: DEFAULT_PRE_SKIP };
      tracks.push(current);
    }
    if (DESCENDED.has(id.value)) {
      offset = start;
      continue;
    }
    if (size.unknown) throw new RangeError(`element ${id.value.toString(16)} of unknown size`);
    const end = start + size.value;
    if (end > bytes.length) break;
    const body = bytes.subarray(start, end);
    switch (id.value) {
      case EBML_IDS.trackNumber:
        if (current) current.number = readUnsigned(body);
        break;
      case EBML_IDS.codecId:
        if (current) current.codec = new TextDecoder().decode(body);
        break;
      case EBML_IDS.codecPrivate:
        if (current) current.head = body;
        break;
      case EBML_IDS.codecDelay:
        if (current) current.preSkip = Math.round((readUnsigned(body) * OPUS_SAMPLE_RATE) / 1e9);
        break;
      case EBML_IDS.channels:
        if (current) current.channels = readUnsigned(body);
        break;
      case EBML_IDS.simpleBlock:
      case EBML_IDS.block: {
        const track = readVariableInteger(body, 0, false);
        const flags = body[track.length + 2];
        if (flags & 0x06) throw new RangeError('laced WebM blocks are not supported');
        blocks.push({ track: track.value, data: body.subarray(track.length + 3) });
        break;
      }
    }
    offset = end;
  }
  const track = tracks.find((candidate) => candidate.codec === 'A_OPUS');
  if (!track) throw new RangeError('no Opus track in the recording');
  const packets = blocks.filter((block) => block.track === track.number).map((block) => block.data);
  if (packets.length === 0) throw new RangeError('the recording holds no audio');
  return { track, packets };
}

/** How many 48 kHz samples an Opus packet decodes to (RFC 6716 §3.1). */
export function opusPacketSamples(packet: Uint8Array): number {
  const toc = packet[0] ?? 0;
  const config = toc >> 3;
  const frameMs =
    config < 12
      ? [10, 20, 40, 60][config % 4]
      : config < 16
        ? [10, 20][config % 2]
        : [2.5, 5, 10, 20][config % 4];
  const code = toc & 0x03;
  const frames = code === 0 ? 1 : code === 3 ? (packet[1] ?? 0) & 0x3f : 2;
  return (frames * frameMs * OPUS_SAMPLE_RATE) / 1000;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index += 1) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[index] = crc >>> 0;
  }
  return table;
})();

/** Ogg's page checksum: CRC-32 with polynomial 0x04c11db7, no reflection, zero start and no final xor. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  return crc;
}

const HEADER_FLAG = { continued: 0x01, first: 0x02, last: 0x04 } as const;

function oggPage(
  packets: readonly Uint8Array[],
  granule: number,
  serial: number,
  sequence: number,
  flags: number,
): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      lacing.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  const bodyLength = packets.reduce((total, packet) => total + packet.length, 0);
  const page = new Uint8Array(27 + lacing.length + bodyLength);
  const view = new DataView(page.buffer);
  page.set([0x4f, 0x67, 0x67, 0x53], 0);
  page[5] = flags;
  view.setUint32(6, granule % 2 ** 32, true);
  view.setUint32(10, Math.floor(granule / 2 ** 32), true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  page[26] = lacing.length;
  page.set(lacing, 27);
  let offset = 27 + lacing.length;
  for (const packet of packets) {
    page.set(packet, offset);
    offset += packet.length;
  }
  view.setUint32(22, oggCrc(page), true);
  return page;
}

function lacingLength(packet: Uint8Array): number {
  return Math.floor(packet.length / 255) + 1;
}

function opusHead(track: OpusTrack): Uint8Array {
  if (track.head && new TextDecoder().decode(track.head.subarray(0, 8)) === 'OpusHead') return track.head;
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'), 0);
  head[8] = 1;
  head[9] = track.channels;
  view.setUint16(10, track.preSkip, true);
  view.setUint32(12, OPUS_SAMPLE_RATE, true);
  return head;
}

function opusTags(): Uint8Array {
  const vendor = new TextEncoder().encode('inbox-elements');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  const view = new DataView(tags.buffer);
  tags.set(new TextEncoder().encode('OpusTags'), 0);
  view.setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  return tags;
}

/** Ogg Opus from the Opus packets of a recording, in pages of at most 255 segments. */
export function oggOpus(track: OpusTrack, packets: readonly Uint8Array[], serial: number): Blob {
  const pages: Uint8Array[] = [
    oggPage([opusHead(track)], 0, serial, 0, HEADER_FLAG.first),
    oggPage([opusTags()], 0, serial, 1, 0),
  ];
  let granule = 0;
  let pending: Uint8Array[] = [];
  let segments = 0;
  const flush = (last: boolean) => {
    pages.push(oggPage(pending, granule, serial, pages.length, last ? HEADER_FLAG.last : 0));
    pending = [];
    segments = 0;
  };
  for (const packet of packets) {
    if (segments + lacingLength(packet) > MAX_SEGMENTS_PER_PAGE) flush(false);
    pending.push(packet);
    segments += lacingLength(packet);
    granule += opusPacketSamples(packet);
  }
  flush(true);
  return new Blob(pages as BlobPart[], { type: 'audio/ogg; codecs=opus' });
}

/** A WebM/Opus recording as an Ogg/Opus file with the same audio. */
export async function webmToOggOpus(recording: Blob): Promise<Blob> {
  const { track, packets } = readWebmOpus(new Uint8Array(await recording.arrayBuffer()));
  return oggOpus(track, packets, crypto.getRandomValues(new Uint32Array(1))[0]);
}
