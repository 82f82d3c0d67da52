import type { SkippedRecord } from '../api/skipped-records.js';

export type { SkippedKind } from '../api/skipped-records.js';

/** A record the element left out: `kind`, its `id` when readable, and what was wrong (`reason`). */
export type DataSkippedDetail = SkippedRecord;

declare global {
  interface GlobalEventHandlersEventMap {
    /** A record in an answer did not have the contract's shape and was left out; the rest is shown. Once per record. */
    'inbox-data-skipped': CustomEvent<DataSkippedDetail>;
  }
}
