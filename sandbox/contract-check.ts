import { relative } from 'node:path';
import {
  createResponseValidator,
  OPENAPI_PATH,
  type ObservedResponse,
} from '../scripts/spec/response-validator.js';
import type { Reply } from './http.js';
import type { ApiReplyCheck } from './sandbox.js';

/** Set on every answer that was checked, so a test can tell the check is on. */
export const CHECKED_HEADER = 'X-Checked-Against';

export interface ContractCheck {
  check: ApiReplyCheck;
  /** Every violation so far, one line each. */
  violations: readonly string[];
}

function observed(method: string, path: string, reply: Reply): ObservedResponse {
  const body = reply.rawBody ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  const headers: Record<string, string> = { ...reply.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  return { method, path, status: reply.status, headers, body };
}

/**
 * Checks the sandbox's API answers against docs/openapi.yaml. An answer that breaks it is replaced by a
 * 500 naming the problem, so the test that caused it fails, and is kept in `violations`.
 * Failures a test injected have the status and headers it chose; only their envelope is checked.
 */
export function contractCheck(specPath = OPENAPI_PATH): ContractCheck {
  const validate = createResponseValidator(specPath);
  const specName = relative(process.cwd(), specPath);
  const violations: string[] = [];
  const check: ApiReplyCheck = ({ method, path, injected }, reply) => {
    const problems = validate(observed(method, path, reply), { envelopeOnly: injected });
    if (problems.length === 0) {
      return { ...reply, headers: { ...reply.headers, [CHECKED_HEADER]: specName } };
    }
    violations.push(...problems);
    console.error(`[sandbox] response violates ${specName}:\n  ${problems.join('\n  ')}`);
    return {
      status: 500,
      body: { success: false, message: `response violates ${specName}: ${problems.join('; ')}` },
      headers: { [CHECKED_HEADER]: specName },
    };
  };
  return { check, violations };
}
