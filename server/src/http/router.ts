import { HttpError } from './envelope.js';

export type Params = Record<string, string>;

export interface Route<Context> {
  method: string;
  /** Segments; `:name` captures one, `:name(a|b)` only one of those values. */
  pattern: string;
  handler: (context: Context, params: Params) => Promise<Response>;
}

interface CompiledSegment {
  literal?: string;
  name?: string;
  choices?: ReadonlySet<string>;
}

function compile(pattern: string): CompiledSegment[] {
  return pattern.split('/').map((segment) => {
    const match = /^:(\w+)(?:\(([^)]+)\))?$/.exec(segment);
    if (!match) return { literal: segment };
    return { name: match[1], choices: match[2] ? new Set(match[2].split('|')) : undefined };
  });
}

/**
 * The path's segments, decoded. Whatever could step out of the intended route is refused: an encoded
 * slash, backslash or NUL, a dot segment that survived URL parsing, an empty segment.
 */
export function pathSegments(path: string): string[] {
  if (/%(2f|5c|00)/i.test(path) || path.includes('\\')) throw new HttpError(400, 'The path is not allowed.');
  const segments = path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'The path is not allowed.');
    }
  });
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new HttpError(400, 'The path is not allowed.');
  }
  return segments;
}

/** Matches routes on decoded segments; 405 when the path exists for other methods only. */
export class Router<Context> {
  private readonly routes: { route: Route<Context>; segments: CompiledSegment[] }[] = [];

  add(method: string, pattern: string, handler: Route<Context>['handler']): this {
    this.routes.push({ route: { method, pattern, handler }, segments: compile(pattern) });
    return this;
  }

  find(
    method: string,
    segments: readonly string[],
  ): { route: Route<Context>; params: Params } | 'wrong-method' | undefined {
    let pathMatched = false;
    for (const { route, segments: compiled } of this.routes) {
      const params = match(compiled, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? 'wrong-method' : undefined;
  }
}

function match(compiled: readonly CompiledSegment[], segments: readonly string[]): Params | undefined {
  if (compiled.length !== segments.length) return undefined;
  const params: Params = {};
  for (const [index, part] of compiled.entries()) {
    const segment = segments[index];
    if (part.literal !== undefined) {
      if (part.literal !== segment) return undefined;
    } else {
      if (part.choices && !part.choices.has(segment)) return undefined;
      params[part.name!] = segment;
    }
  }
  return params;
}
