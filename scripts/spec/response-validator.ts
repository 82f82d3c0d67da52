import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import {
  basePathOf,
  createSchemaCompiler,
  isReference,
  operationsOf,
  readOpenApi,
  resolve,
  type OpenApiDocument,
  type OpenApiHeader,
  type OpenApiResponse,
} from './openapi-document.js';

/** The project's REST contract. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../docs/openapi.yaml', import.meta.url));

/** One answer as a client received it. */
export interface ObservedResponse {
  method: string;
  /** The request's path, e.g. `/api/v1/channels/whatsapp/status`; a query string is ignored. */
  path: string;
  status: number;
  /** Header names in any case. */
  headers: Record<string, string | undefined>;
  /** The body as sent; `undefined` or `''` when there was none. */
  body: string | undefined;
}

export interface ValidationOptions {
  /**
   * Checks only that an error comes in the error envelope, whatever its status and headers: for answers
   * whose status a test chose on purpose (the sandbox's injected failures).
   */
  envelopeOnly?: boolean;
}

/** What is wrong with a response, one sentence each; empty when it is as the document says. */
export type ResponseValidator = (response: ObservedResponse, options?: ValidationOptions) => string[];

interface CompiledResponse {
  headers: { name: string; required: boolean; validate: ValidateFunction }[];
  /** Absent: the response has no body. */
  body?: ValidateFunction;
}

interface CompiledOperation {
  label: string;
  pattern: RegExp;
  method: string;
  /** Literal segments first: `/channels/instagram/connect` wins over `/channels/{type}/connect`. */
  templateCount: number;
  responses: Map<string, CompiledResponse>;
}

const ENVELOPE_SCHEMA = 'ErrorEnvelope';
const MAX_REPORTED_ERRORS = 4;

function pathPattern(basePath: string, template: string): RegExp {
  const source = template
    .split('/')
    .map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${basePath}${source}/?$`);
}

/** Ajv's errors as one line; `subject` names what was checked (the body, a header). */
export function describeErrors(errors: ErrorObject[] | null | undefined, subject = 'body'): string {
  const described = (errors ?? []).map((error) => {
    const where = `${subject}${error.instancePath}`;
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})`
          : '';
    return `${where} ${error.message ?? 'is invalid'}${extra}`;
  });
  const shown = described.slice(0, MAX_REPORTED_ERRORS);
  const more = described.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function headerOf(headers: ObservedResponse['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

/** `200`, then the status's range (`4XX`), then `default`. */
function responseFor(responses: Map<string, CompiledResponse>, status: number): CompiledResponse | undefined {
  return responses.get(String(status)) ?? responses.get(`${String(status)[0]}XX`) ?? responses.get('default');
}

/**
 * Checks observed responses against an OpenAPI 3.1 document: the status is one the operation lists,
 * required headers are there and well formed, and the body is JSON matching the schema (or absent
 * where the document gives none). For the sandbox in the browser tests and for any server of the contract.
 */
export function createResponseValidator(specPath: string = OPENAPI_PATH): ResponseValidator {
  const document: OpenApiDocument = readOpenApi(specPath);
  const specName = specPath.replace(/^.*\/(docs\/)/, '$1');
  const { compile, component } = createSchemaCompiler(document);
  const envelope = component(ENVELOPE_SCHEMA);

  const compiledResponses = new Map<OpenApiResponse, CompiledResponse>();
  const compileResponse = (response: OpenApiResponse): CompiledResponse => {
    const known = compiledResponses.get(response);
    if (known) return known;
    const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
      const resolved = resolve<OpenApiHeader>(document, header);
      return { name, required: resolved.required === true, validate: compile(resolved.schema) };
    });
    const json = response.content?.['application/json'];
    const compiled: CompiledResponse = json ? { headers, body: compile(json.schema) } : { headers };
    compiledResponses.set(response, compiled);
    return compiled;
  };

  const basePath = basePathOf(document);
  const operations: CompiledOperation[] = operationsOf(document)
    .map(({ path, method, operation }) => ({
      label: `${operation.operationId} (${method.toUpperCase()} ${path})`,
      pattern: pathPattern(basePath, path),
      method: method.toUpperCase(),
      templateCount: (path.match(/\{/g) ?? []).length,
      responses: new Map(
        Object.entries(operation.responses).map(([status, response]) => [
          status,
          compileResponse(isReference(response) ? resolve<OpenApiResponse>(document, response) : response),
        ]),
      ),
    }))
    .sort((a, b) => a.templateCount - b.templateCount);

  function checkBody(response: ObservedResponse, validate: ValidateFunction | undefined): string[] {
    const text = response.body ?? '';
    if (validate === undefined) return text === '' ? [] : ['has a body where the document gives none'];
    const contentType = headerOf(response.headers, 'content-type') ?? '';
    if (!contentType.toLowerCase().startsWith('application/json')) {
      return [`Content-Type is "${contentType}", not application/json`];
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return ['body is not JSON'];
    }
    return validate(body) ? [] : [describeErrors(validate.errors)];
  }

  function checkHeaders(response: ObservedResponse, expected: CompiledResponse['headers']): string[] {
    return expected.flatMap(({ name, required, validate }) => {
      const value = headerOf(response.headers, name);
      if (value === undefined || value === '') return required ? [`header ${name} is missing`] : [];
      const subject = `header ${name} "${value}"`;
      return validate(value) ? [] : [describeErrors(validate.errors, subject)];
    });
  }

  /** What any error answer must be: the envelope. */
  function checkAnyError(response: ObservedResponse): string[] {
    return response.status < 400 ? [] : checkBody(response, envelope);
  }

  return (response, options = {}) => {
    const method = response.method.toUpperCase();
    const path = response.path.split('?')[0] ?? '';
    const where = `${method} ${path} → ${response.status}`;
    if (options.envelopeOnly) return checkAnyError(response).map((problem) => `${where}: ${problem}`);
    const operation = operations.find(
      (candidate) => candidate.method === method && candidate.pattern.test(path),
    );
    if (!operation) {
      // Any server answers an unknown path with 404; anything else there is not in the contract.
      if (response.status === 404) return checkAnyError(response).map((problem) => `${where}: ${problem}`);
      return [`${where}: ${specName} has no such operation`];
    }
    const expected = responseFor(operation.responses, response.status);
    if (!expected) {
      const listed = [...operation.responses.keys()].join(', ');
      return [`${where}: ${operation.label} does not list status ${response.status} (it lists ${listed})`];
    }
    return [...checkHeaders(response, expected.headers), ...checkBody(response, expected.body)].map(
      (problem) => `${where}: ${problem}`,
    );
  };
}

/** A fetch `Response` as the validator reads it; the body is read from a clone, so the caller can still read it. */
export async function observeFetchResponse(
  method: string,
  url: string,
  response: Response,
): Promise<ObservedResponse> {
  return {
    method,
    path: new URL(url, 'http://server.invalid').pathname,
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.clone().text(),
  };
}
