// The QR encoder as a file of its own, fetched by the classic script only when a QR code is drawn.
export { default } from 'qrcode';
