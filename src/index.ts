import './elements/channel-connect/channel-connect.js';
import './elements/instagram-2fa/instagram-2fa.js';
import './elements/qr-scanner/qr-scanner.js';

export { ChannelConnect } from './elements/channel-connect/channel-connect.component.js';
export { InstagramTwoFactor } from './elements/instagram-2fa/instagram-2fa.component.js';
export { QrScanner } from './elements/qr-scanner/qr-scanner.component.js';
export { configure, type InboxConfig } from './config/config.js';
export { servicesContext, type InboxServices } from './config/services.js';
export type { Backend } from './api/backend.js';
export { createContractBackend, type ClientConfig } from './api/contract-backend.js';
export { ApiError, type ApiErrorKind } from './api/errors.js';
export { describeError } from './api/describe-error.js';
export type * from './api/types.js';
export type * from './events/index.js';
export { setStrings } from './i18n/localize.js';
export type { Strings } from './i18n/en.js';
