import type QRCode from 'qrcode';

type Encoder = typeof QRCode.create;

let encoder: Encoder | undefined;
let loadingEncoder: Promise<void> | undefined;

/**
 * Fetches the QR encoder, once per page: it is the largest dependency and only needed when a code
 * arrives, so it stays out of what a page loads before it renders.
 */
export function loadQrEncoder(): Promise<void> {
  loadingEncoder ??= import('qrcode').then(
    (module) => {
      encoder = module.default.create;
    },
    (error: unknown) => {
      loadingEncoder = undefined;
      throw error;
    },
  );
  return loadingEncoder;
}

/** Light modules kept around the symbol so phones find it (the QR standard asks for four). */
export const QUIET_ZONE = 4;

/** A QR symbol as one SVG path of its dark modules, in module units, quiet zone included. */
export interface QrDrawing {
  /** Side of the whole image in modules, quiet zone included. */
  size: number;
  /** Path data of every dark module: one `M x y h n v1 h-n z` per horizontal run. */
  path: string;
}

/** A string no QR symbol can hold: empty, over capacity, or not well-formed Unicode (a lone surrogate). */
export class UnencodableQrError extends Error {
  override readonly name = 'UnencodableQrError';
}

/** Paired surrogates read as one code point under the `u` flag, so only a lone one matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Encodes `text` as it is (never parsed or opened as a link) at error correction level M and
 * returns its dark modules as one path, so the image stays sharp at any size and pixel ratio.
 * `undefined` until `loadQrEncoder()` has finished; throws an `UnencodableQrError` for a string that
 * cannot be encoded.
 */
export function drawQr(text: string): QrDrawing | undefined {
  if (!encoder) return undefined;
  // The encoder would write a lone surrogate as U+FFFD: a different code from the one sent.
  if (text === '' || LONE_SURROGATE.test(text))
    throw new UnencodableQrError('Not a string a QR code can hold');
  let modules: ReturnType<Encoder>['modules'];
  try {
    ({ modules } = encoder(text, { errorCorrectionLevel: 'M' }));
  } catch (cause) {
    throw new UnencodableQrError('Too long for a QR code', { cause });
  }
  const { size, data } = modules;
  const runs: string[] = [];
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column++;
      const length = column - start;
      runs.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${length}v1h-${length}z`);
    }
  }
  return { size: size + QUIET_ZONE * 2, path: runs.join('') };
}
