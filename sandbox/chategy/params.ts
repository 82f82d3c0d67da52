import { isRecord } from '../http.js';
import type { ParamValue } from './checksum.js';

/** A request's parameters by name; `dispatch_routing[]` is read as the list `dispatch_routing`. */
export type Params = Record<string, ParamValue>;

function scalar(value: unknown): string | number | boolean | null | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return undefined;
}

function add(params: Params, rawKey: string, value: unknown): void {
  const isList = rawKey.endsWith('[]');
  const key = isList ? rawKey.slice(0, -2) : rawKey;
  if (Array.isArray(value)) {
    params[key] = value.flatMap((item) => {
      const one = scalar(item);
      return typeof one === 'string' || typeof one === 'number' ? [one] : [];
    });
    return;
  }
  const one = scalar(value);
  if (one === undefined) return;
  if (!isList) {
    params[key] = one;
    return;
  }
  const earlier = params[key];
  const list = Array.isArray(earlier) ? [...(earlier as (string | number)[])] : [];
  if (typeof one === 'string' || typeof one === 'number') list.push(one);
  params[key] = list;
}

/**
 * Chategy takes parameters in the query string (its curl examples), a JSON body, or form fields
 * (`send_file`); later sources win. File fields are left out.
 */
export function requestParams(url: URL, body: Record<string, unknown> | FormData | undefined): Params {
  const params: Params = {};
  for (const [key, value] of url.searchParams) add(params, key, value);
  if (body instanceof FormData) {
    for (const [key, value] of body.entries()) if (typeof value === 'string') add(params, key, value);
  } else if (isRecord(body)) {
    for (const [key, value] of Object.entries(body)) add(params, key, value);
  }
  return params;
}

export function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || Array.isArray(value)) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

export function listParam(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  return (Array.isArray(value) ? value : [value]).map(String).filter((item) => item !== '');
}

export function booleanParam(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}
