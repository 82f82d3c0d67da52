import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { DiagnosticSeverity, Parser, fromFile } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { format, resolveConfig } from 'prettier';
import {
  createSchemaCompiler,
  isReference,
  operationsOf,
  readOpenApi,
  resolve,
  basePathOf,
  type OpenApiDocument,
  type OpenApiResponse,
} from './spec/openapi-document.js';
import { createResponseValidator, describeErrors, OPENAPI_PATH } from './spec/response-validator.js';

/**
 * `npm run spec:check`: docs/openapi.yaml and docs/asyncapi.yaml are valid, every example in them matches
 * its own schema, and test/contract/spec-examples.json (the examples the browser test feeds to the client's
 * validators) is what they hold now. `--write` regenerates that file.
 */

const ASYNCAPI_PATH = fileURLToPath(new URL('../docs/asyncapi.yaml', import.meta.url));
const EXAMPLES_PATH = fileURLToPath(new URL('../test/contract/spec-examples.json', import.meta.url));

/** One example answer of a REST call, as the client would receive it. */
interface RestExample {
  operationId: string;
  status: string;
  name: string;
  body: unknown;
}

/** One example frame of the socket. */
interface SocketExample {
  message: string;
  name: string;
  frame: unknown[];
}

export interface SpecExamples {
  rest: RestExample[];
  socket: SocketExample[];
}

const problems: string[] = [];

async function checkOpenApiDocument(): Promise<void> {
  try {
    // It dereferences the object it is given, so it gets a path of its own.
    await SwaggerParser.validate(OPENAPI_PATH);
  } catch (error) {
    problems.push(`docs/openapi.yaml: ${(error as Error).message}`);
  }
}

/** An example status as a real one: `5XX` is sent as 500. */
function statusOf(status: string): number {
  return Number(status.replace(/XX$/, '00'));
}

/** A request path for the template: every `{name}` filled with a sample value. */
function samplePath(document: OpenApiDocument, template: string): string {
  return basePathOf(document) + template.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);
}

/** The REST examples, each checked through the response validator as if a server had sent it. */
function restExamples(document: OpenApiDocument): RestExample[] {
  const validate = createResponseValidator(OPENAPI_PATH);
  const { compile } = createSchemaCompiler(document);
  const examples: RestExample[] = [];
  for (const { path, method, operation } of operationsOf(document)) {
    const requestBody = resolve<{ content?: Record<string, { schema: unknown; examples?: object }> }>(
      document,
      (operation as { requestBody?: object }).requestBody ?? {},
    );
    for (const [mediaType, media] of Object.entries(requestBody.content ?? {})) {
      const check = compile(media.schema);
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        if (!check((example as { value: unknown }).value)) {
          problems.push(
            `${operation.operationId} request ${mediaType} example ${name}: ${describeErrors(check.errors)}`,
          );
        }
      }
    }
    for (const [status, reference] of Object.entries(operation.responses)) {
      const response = isReference(reference) ? resolve<OpenApiResponse>(document, reference) : reference;
      const retryAfter = response.headers?.['Retry-After'] ? { 'Retry-After': '30' } : {};
      for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
        const body = resolve<{ value: unknown }>(document, example).value;
        const found = validate({
          method,
          path: samplePath(document, path),
          status: statusOf(status),
          headers: { 'Content-Type': 'application/json', ...retryAfter },
          body: JSON.stringify(body),
        });
        problems.push(...found.map((problem) => `${operation.operationId} example ${name}: ${problem}`));
        examples.push({ operationId: operation.operationId, status, name, body });
      }
    }
  }
  return examples;
}

/** The AsyncAPI parser's own additions to a schema, which are not JSON Schema. */
function withoutParserKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutParserKeys);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !key.startsWith('x-parser-'))
      .map(([key, value]) => [key, withoutParserKeys(value)]),
  );
}

/** The socket examples, after the document is parsed and each example checked against its payload. */
async function socketExamples(): Promise<SocketExample[]> {
  const { document, diagnostics } = await fromFile(new Parser(), ASYNCAPI_PATH).parse();
  for (const diagnostic of diagnostics) {
    if ([DiagnosticSeverity.Error, DiagnosticSeverity.Warning].includes(diagnostic.severity)) {
      problems.push(`docs/asyncapi.yaml ${diagnostic.path.join('.')}: ${diagnostic.message}`);
    }
  }
  if (!document) return [];
  // AsyncAPI schemas are JSON Schema draft 07 (tuples as `items: [...]`).
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  const examples: SocketExample[] = [];
  for (const message of document.components().messages().all()) {
    const check = ajv.compile(withoutParserKeys(message.payload()?.json() ?? {}) as object);
    for (const example of message.examples().all()) {
      const frame = example.payload() as unknown[];
      const name = example.name() ?? '';
      if (!check(frame))
        problems.push(`asyncapi ${message.id()} example ${name}: ${describeErrors(check.errors, 'frame')}`);
      examples.push({ message: message.id(), name, frame });
    }
    if (message.examples().length === 0) problems.push(`asyncapi ${message.id()}: no example`);
  }
  return examples;
}

async function formatted(examples: SpecExamples): Promise<string> {
  const config = (await resolveConfig(EXAMPLES_PATH)) ?? {};
  return format(JSON.stringify(examples), { ...config, parser: 'json' });
}

await checkOpenApiDocument();
const document = readOpenApi(OPENAPI_PATH);
const examples: SpecExamples = { rest: restExamples(document), socket: await socketExamples() };
for (const { operation } of operationsOf(document)) {
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
  const response =
    success && (isReference(success[1]) ? resolve<OpenApiResponse>(document, success[1]) : success[1]);
  if (response?.content && !examples.rest.some((example) => example.operationId === operation.operationId)) {
    problems.push(`${operation.operationId}: no example of its ${success?.[0]} answer`);
  }
}

const expected = await formatted(examples);
if (process.argv.includes('--write')) {
  writeFileSync(EXAMPLES_PATH, expected);
} else {
  let committed = '';
  try {
    committed = readFileSync(EXAMPLES_PATH, 'utf8');
  } catch {
    // Reported below as stale.
  }
  if (committed !== expected) {
    problems.push('test/contract/spec-examples.json is stale: run `npx tsx scripts/check-spec.ts --write`');
  }
}

if (problems.length > 0) {
  console.error(`The contract documents have problems:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `docs/openapi.yaml and docs/asyncapi.yaml are valid; ${examples.rest.length} REST and ${examples.socket.length} socket examples match their schemas.`,
);
