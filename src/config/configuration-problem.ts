import type { InboxConfig } from './config.js';

/** Where a configuration value came from, to name it as the host wrote it. */
export interface ConfigNames {
  baseUrl: string;
  socketUrl: string;
  getToken: string;
}

function parsesAs(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/**
 * What is wrong with `config`, as one sentence naming the attribute or option (`names`) so the host can
 * mend it; `undefined` when nothing is.
 */
export function configurationProblem(config: InboxConfig, names: ConfigNames): string | undefined {
  const { baseUrl, socketUrl, getToken } = config;
  if (baseUrl !== undefined && !parsesAs(baseUrl, ['http:', 'https:'])) {
    return `${names.baseUrl} ${JSON.stringify(baseUrl)} is not an http(s) URL.`;
  }
  if (socketUrl !== undefined && !parsesAs(socketUrl, ['ws:', 'wss:', 'http:', 'https:'])) {
    return `${names.socketUrl} ${JSON.stringify(socketUrl)} is not a ws(s) or http(s) URL.`;
  }
  if (getToken !== undefined && typeof getToken !== 'function') {
    return `${names.getToken} is not a function.`;
  }
  return undefined;
}

/** An id attribute read as a number that is not a whole one (`channel-id="abc"` reads as `NaN`). */
export function wholeNumberProblem(
  attribute: string,
  value: number | null | undefined,
  written: string | null,
): string | undefined {
  if (value === undefined || value === null || Number.isSafeInteger(value)) return undefined;
  return `${attribute} ${JSON.stringify(written ?? String(value))} is not a whole number.`;
}
