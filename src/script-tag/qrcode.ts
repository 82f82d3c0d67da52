// The classic script's QR encoder: qrcode's encoder alone, without the canvas and SVG renderers of its
// browser entry, which the elements do not use (they draw the modules themselves).
import { create } from 'qrcode/lib/core/qrcode.js';

export default { create };
