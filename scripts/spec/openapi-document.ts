import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The parts of an OpenAPI 3.1 document that the checks read. */
export interface OpenApiDocument {
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  /** Path to its items: operations by method, and `parameters` and the like. */
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, unknown>;
    responses?: Record<string, OpenApiResponse>;
    headers?: Record<string, OpenApiHeader>;
  };
}

export interface OpenApiOperation {
  operationId: string;
  responses: Record<string, OpenApiResponse | Reference>;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, OpenApiHeader | Reference>;
  content?: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }>;
}

export interface OpenApiHeader {
  required?: boolean;
  schema: unknown;
}

export interface Reference {
  $ref: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function readOpenApi(path: string): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/** Follows a local `#/...` reference (one level at a time, until a value that is not a reference). */
export function resolve<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  while (isReference(current)) {
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) throw new Error(`Only local references are followed: ${pointer}`);
    current = pointer
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error(`Unresolved reference ${pointer}`);
  }
  return current as T;
}

/** Every operation with its path and method, in document order. */
export function operationsOf(
  document: OpenApiDocument,
): { path: string; method: string; operation: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({
      path,
      method,
      operation: item[method] as OpenApiOperation,
    })),
  );
}

/** The path every operation sits under: the first server's, e.g. `/api/v1`. */
export function basePathOf(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (!server) return '';
  const url = server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? '');
  return new URL(url, 'http://server.invalid').pathname.replace(/\/+$/, '');
}

const SCHEMAS_ID = 'https://inbox-elements.invalid/openapi/components';

/** The document's `#/components/schemas/X` references, pointed at the schemas added to Ajv. */
function withAjvReferences(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withAjvReferences);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', `${SCHEMAS_ID}#/$defs/`)
        : withAjvReferences(value),
    ]),
  );
}

/** Compiles the document's schemas (JSON Schema 2020-12, as OpenAPI 3.1 has them) with Ajv and its formats. */
export function createSchemaCompiler(document: OpenApiDocument): {
  compile: (schema: unknown) => ValidateFunction;
  component: (name: string) => ValidateFunction;
} {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: withAjvReferences(document.components?.schemas ?? {}) });
  return {
    compile: (schema) => ajv.compile(withAjvReferences(schema) as object),
    component: (name) => {
      const validate = ajv.getSchema(`${SCHEMAS_ID}#/$defs/${name}`);
      if (!validate) throw new Error(`The document has no components.schemas.${name}`);
      return validate;
    },
  };
}
