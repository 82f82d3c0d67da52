import type { Instance } from './instance.js';
import type { Params } from './params.js';
import type { SignedFileStore } from './signed-files.js';
import type { ChategyWorld } from './world.js';

/** What a Chategy route gets: the caller's world (and instance, for `/api/v1`), and the request. */
export interface ChategyContext {
  world: ChategyWorld;
  /** The instance whose token called `/api/v1`; undefined on developer and control paths. */
  instance: Instance | undefined;
  url: URL;
  params: Params;
  /** The JSON body; `{}` when there is none. */
  body: Record<string, unknown>;
  /** The multipart body, when the request was one. */
  form: FormData | undefined;
  /** The `checksum` header, when given. */
  checksum: string | undefined;
  origin: string;
  now: number;
  files: SignedFileStore;
}

export function requireInstance(context: ChategyContext): Instance {
  if (!context.instance) throw new Error('An /api/v1 route ran without an instance.');
  return context.instance;
}
