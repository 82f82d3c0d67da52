import { deflateSync } from 'node:zlib';

/**
 * Small real files for seeded file messages, generated here so the sandbox needs no binary assets:
 * a PNG photo, a one-page PDF, an MP3 (three seconds of silence), an MP4 (H.264) clip and a vCard.
 * Each one opens in a browser as what its MIME type says.
 */
export interface MediaFixture {
  name: string;
  mime_type: string;
  bytes: Buffer;
}

type Rgb = readonly [red: number, green: number, blue: number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function mix(from: Rgb, to: Rgb, share: number): Rgb {
  const t = Math.min(1, Math.max(0, share));
  return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t];
}

/** A landscape: sky, sun and two rows of hills. `ball` adds a bouncing red ball (for video frames). */
function landscape(width: number, height: number, ball?: { x: number; y: number; r: number }) {
  return (x: number, y: number): Rgb => {
    const u = x / width;
    const v = y / height;
    if (ball && (x - ball.x) ** 2 + (y - ball.y) ** 2 <= ball.r ** 2) return [220, 40, 50];
    const far = 0.62 + 0.08 * Math.sin(u * 7 + 1);
    const near = 0.78 + 0.06 * Math.sin(u * 11 + 3);
    if (v > near) return mix([70, 140, 60], [40, 95, 40], (v - near) * 4);
    if (v > far) return mix([120, 170, 110], [90, 140, 90], (v - far) * 5);
    const sun = Math.hypot((u - 0.72) * (width / height), v - 0.3);
    if (sun < 0.12) return [255, 214, 90];
    return mix([120, 180, 250], [255, 210, 170], v / far);
  };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

/** An 8-bit RGB PNG drawn by `pixel`. */
export function pngImage(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let offset = 0;
  for (let y = 0; y < height; y++) {
    raw[offset++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      for (const channel of pixel(x, y)) raw[offset++] = Math.round(channel);
    }
  }
  const header = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pdfText(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}

/** A one-page A4 PDF with a title and lines of Helvetica text. */
export function pdfDocument(title: string, lines: readonly string[]): Buffer {
  const content = [
    'BT /F1 20 Tf 72 770 Td',
    `(${pdfText(title)}) Tj`,
    '/F1 12 Tf 0 -32 Td',
    ...lines.map((line) => `(${pdfText(line)}) Tj 0 -18 Td`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * MPEG-1 Layer III, 32 kHz mono at 32 kbit/s: 144-byte frames of 1152 samples whose side
 * information is all zero, which every decoder plays as silence.
 */
export function silentMp3(seconds: number): Buffer {
  const frameCount = Math.ceil((seconds * 32_000) / 1152);
  const frame = Buffer.alloc(144);
  frame.set([0xff, 0xfb, 0x18, 0xc4]);
  return Buffer.concat(Array.from({ length: frameCount }, () => frame));
}

/** Writes an H.264 RBSP bit by bit. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  bit(value: number): this {
    this.current = (this.current << 1) | (value & 1);
    this.used += 1;
    if (this.used === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.used = 0;
    }
    return this;
  }

  u(bits: number, value: number): this {
    for (let shift = bits - 1; shift >= 0; shift--) this.bit((value >>> shift) & 1);
    return this;
  }

  /** Exp-Golomb, unsigned. */
  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    return this.u(length, 0).u(length + 1, code);
  }

  /** Exp-Golomb, signed. */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  alignZero(): this {
    while (this.used !== 0) this.bit(0);
    return this;
  }

  byte(value: number): this {
    this.bytes.push(value);
    return this;
  }

  /** `rbsp_trailing_bits()`, then the bytes. */
  finish(): Buffer {
    this.bit(1);
    this.alignZero();
    return Buffer.from(this.bytes);
  }
}

/** A NAL unit with its header byte, with emulation prevention bytes inserted. */
function nalUnit(header: number, rbsp: Buffer): Buffer {
  const out: number[] = [header];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Buffer.from(out);
}

const H264_PROFILE = 66; // Baseline
const H264_CONSTRAINTS = 0xc0; // constraint_set0 and constraint_set1: Constrained Baseline
const H264_LEVEL = 30;

function h264Sps(widthMbs: number, heightMbs: number): Buffer {
  const bits = new BitWriter()
    .u(8, H264_PROFILE)
    .u(8, H264_CONSTRAINTS)
    .u(8, H264_LEVEL)
    .ue(0) // seq_parameter_set_id
    .ue(0) // log2_max_frame_num_minus4
    .ue(2) // pic_order_cnt_type: from frame_num
    .ue(1) // max_num_ref_frames
    .u(1, 0) // gaps_in_frame_num_value_allowed_flag
    .ue(widthMbs - 1)
    .ue(heightMbs - 1)
    .u(1, 1) // frame_mbs_only_flag
    .u(1, 1) // direct_8x8_inference_flag
    .u(1, 0) // frame_cropping_flag
    .u(1, 0); // vui_parameters_present_flag
  return nalUnit(0x67, bits.finish());
}

function h264Pps(): Buffer {
  const bits = new BitWriter()
    .ue(0) // pic_parameter_set_id
    .ue(0) // seq_parameter_set_id
    .u(1, 0) // entropy_coding_mode_flag: CAVLC
    .u(1, 0) // bottom_field_pic_order_in_frame_present_flag
    .ue(0) // num_slice_groups_minus1
    .ue(0) // num_ref_idx_l0_default_active_minus1
    .ue(0) // num_ref_idx_l1_default_active_minus1
    .u(1, 0) // weighted_pred_flag
    .u(2, 0) // weighted_bipred_idc
    .se(0) // pic_init_qp_minus26
    .se(0) // pic_init_qs_minus26
    .se(0) // chroma_qp_index_offset
    .u(1, 0) // deblocking_filter_control_present_flag
    .u(1, 0) // constrained_intra_pred_flag
    .u(1, 0); // redundant_pic_cnt_present_flag
  return nalUnit(0x68, bits.finish());
}

/** BT.601 limited range, kept off 0 (which older decoders refuse in PCM samples). */
function toYCbCr([r, g, b]: Rgb): Rgb {
  const clamp = (value: number) => Math.min(254, Math.max(1, Math.round(value)));
  return [
    clamp(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255),
    clamp(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255),
    clamp(128 + (112 * r - 93.786 * g - 18.214 * b) / 255),
  ];
}

/** An IDR picture whose every macroblock is I_PCM: raw samples, so no transform coding is needed. */
function h264IdrSlice(
  widthMbs: number,
  heightMbs: number,
  idrPicId: number,
  pixel: (x: number, y: number) => Rgb,
): Buffer {
  const bits = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(7) // slice_type: I, and so are all slices of the picture
    .ue(0) // pic_parameter_set_id
    .u(4, 0) // frame_num
    .ue(idrPicId)
    .u(1, 0) // no_output_of_prior_pics_flag
    .u(1, 0) // long_term_reference_flag
    .se(0); // slice_qp_delta
  for (let mbY = 0; mbY < heightMbs; mbY++) {
    for (let mbX = 0; mbX < widthMbs; mbX++) {
      bits.ue(25).alignZero(); // mb_type I_PCM, pcm_alignment_zero_bit
      const ycc = (x: number, y: number) => toYCbCr(pixel(mbX * 16 + x, mbY * 16 + y));
      for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) bits.byte(ycc(x, y)[0]);
      for (const component of [1, 2] as const) {
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 8; x++) {
            const samples = [ycc(2 * x, 2 * y), ycc(2 * x + 1, 2 * y), ycc(2 * x, 2 * y + 1)];
            samples.push(ycc(2 * x + 1, 2 * y + 1));
            bits.byte(Math.round(samples.reduce((sum, sample) => sum + sample[component], 0) / 4));
          }
        }
      }
    }
  }
  return nalUnit(0x65, bits.finish());
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  return Buffer.concat([u32(payload.length + 8), Buffer.from(type, 'latin1'), payload]);
}

function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32((version << 24) | flags), ...parts);
}

const UNITY_MATRIX = Buffer.concat(
  [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map((value) => u32(value)),
);

/** One video track, every sample a sync sample, moov ahead of mdat so a browser can start at once. */
function mp4File(width: number, height: number, fps: number, sps: Buffer, pps: Buffer, samples: Buffer[]) {
  const timescale = 1000;
  const delta = Math.round(timescale / fps);
  const duration = delta * samples.length;
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'latin1'),
    u32(0x200),
    Buffer.from('isomiso2avc1mp41', 'latin1'),
  );
  const avcC = box(
    'avcC',
    Buffer.from([1, H264_PROFILE, H264_CONSTRAINTS, H264_LEVEL, 0xff, 0xe1]),
    u16(sps.length),
    sps,
    Buffer.from([1]),
    u16(pps.length),
    pps,
  );
  const compressorName = Buffer.alloc(32);
  const avc1 = box(
    'avc1',
    Buffer.alloc(6),
    u16(1), // data_reference_index
    Buffer.alloc(16),
    u16(width),
    u16(height),
    u32(0x00480000),
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    compressorName,
    u16(0x18),
    u16(0xffff),
    avcC,
  );
  const moov = (mdatPayloadAt: number) =>
    box(
      'moov',
      fullBox(
        'mvhd',
        0,
        0,
        u32(0),
        u32(0),
        u32(timescale),
        u32(duration),
        u32(0x00010000), // rate 1.0
        u16(0x0100), // volume 1.0
        Buffer.alloc(10),
        UNITY_MATRIX,
        Buffer.alloc(24),
        u32(2), // next_track_ID
      ),
      box(
        'trak',
        fullBox(
          'tkhd',
          0,
          3,
          u32(0),
          u32(0),
          u32(1),
          u32(0),
          u32(duration),
          Buffer.alloc(8),
          u16(0), // layer
          u16(0), // alternate_group
          u16(0), // volume
          u16(0),
          UNITY_MATRIX,
          u32(width << 16),
          u32(height << 16),
        ),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0)),
          fullBox(
            'hdlr',
            0,
            0,
            u32(0),
            Buffer.from('vide', 'latin1'),
            Buffer.alloc(12),
            Buffer.from('Video\0'),
          ),
          box(
            'minf',
            fullBox('vmhd', 0, 1, Buffer.alloc(8)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            box(
              'stbl',
              fullBox('stsd', 0, 0, u32(1), avc1),
              fullBox('stts', 0, 0, u32(1), u32(samples.length), u32(delta)),
              fullBox('stsc', 0, 0, u32(1), u32(1), u32(samples.length), u32(1)),
              fullBox(
                'stsz',
                0,
                0,
                u32(0),
                u32(samples.length),
                ...samples.map((sample) => u32(sample.length)),
              ),
              fullBox('stco', 0, 0, u32(1), u32(mdatPayloadAt)),
            ),
          ),
        ),
      ),
    );
  const mdatPayloadAt = ftyp.length + moov(0).length + 8;
  return Buffer.concat([ftyp, moov(mdatPayloadAt), box('mdat', ...samples)]);
}

/** A clip of a ball crossing the landscape, H.264 Constrained Baseline in MP4. */
export function ballVideo(widthMbs: number, heightMbs: number, frames: number, fps: number): Buffer {
  const width = widthMbs * 16;
  const height = heightMbs * 16;
  const samples = Array.from({ length: frames }, (_, index) => {
    const t = index / Math.max(1, frames - 1);
    const ball = { x: 10 + t * (width - 20), y: height * (0.35 + 0.3 * Math.abs(Math.cos(t * 6))), r: 7 };
    const slice = h264IdrSlice(widthMbs, heightMbs, index % 2, landscape(width, height, ball));
    return Buffer.concat([u32(slice.length), slice]);
  });
  return mp4File(width, height, fps, h264Sps(widthMbs, heightMbs), h264Pps(), samples);
}

function vcard(name: string, phone: string): Buffer {
  return Buffer.from(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL;TYPE=CELL:${phone}\r\nEND:VCARD\r\n`);
}

let fixtures: Record<'image' | 'document' | 'audio' | 'video' | 'contact', MediaFixture> | undefined;

/** The seeded files, made on first use and shared by every tenant. */
export function mediaFixtures() {
  fixtures ??= {
    image: { name: 'IMG_2041.png', mime_type: 'image/png', bytes: pngImage(320, 240, landscape(320, 240)) },
    document: {
      name: 'Invoice-1042.pdf',
      mime_type: 'application/pdf',
      bytes: pdfDocument('Invoice #1042', [
        'Sandbox Store, Riyadh',
        '',
        '2 x Linen shirt (M)            SAR 298.00',
        '1 x Leather belt               SAR 120.00',
        'Delivery                        SAR 25.00',
        '',
        'Total                          SAR 443.00',
      ]),
    },
    audio: { name: 'voice-note.mp3', mime_type: 'audio/mpeg', bytes: silentMp3(3) },
    video: { name: 'VID_0042.mp4', mime_type: 'video/mp4', bytes: ballVideo(6, 4, 12, 6) },
    contact: {
      name: 'Omar Haddad.vcf',
      mime_type: 'text/x-vcard',
      bytes: vcard('Omar Haddad', '+966501112233'),
    },
  };
  return fixtures;
}
