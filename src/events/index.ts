export type * from './connected.js';
export type * from './connect-failed.js';
export type * from './cancelled.js';
export type * from './step-change.js';
export type * from './manage-request.js';
export type * from './challenge.js';
