import { QrScanner } from './qr-scanner.component.js';

QrScanner.define('qr-scanner');

declare global {
  interface HTMLElementTagNameMap {
    'qr-scanner': QrScanner;
  }
}

export { QrScanner };
