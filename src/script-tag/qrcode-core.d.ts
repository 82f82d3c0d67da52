// qrcode's types describe its entry only; its encoder module exports the same `create`.
declare module 'qrcode/lib/core/qrcode.js' {
  export { create } from 'qrcode';
}
