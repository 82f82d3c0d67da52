/** Strings of <qr-scanner>. */
export const qrScannerStrings = {};
