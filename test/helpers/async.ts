import { expect, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import { ApiError } from '../../src/api/errors.js';

/** Long enough for a loaded 2-core machine to answer a few sandbox round trips and render. */
const BUSY_MACHINE_TIMEOUT_MS = 8000;

/**
 * `waitUntil` of @open-wc/testing, but it gives up after 8 s unless told otherwise: theirs gives up
 * after 1 s, which a busy machine can spend on one sandbox round trip. Waiting longer never makes a
 * test pass that should fail; it only fails later.
 */
export function waitUntil(
  predicate: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(predicate, message, { timeout: BUSY_MACHINE_TIMEOUT_MS, ...options });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `ApiError` a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}
