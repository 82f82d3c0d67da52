import { readFileSync } from 'node:fs';

/** The parts of custom-elements.json (schema 2) the scripts read. */
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

interface Described {
  name: string;
  description?: string;
}

interface Declaration extends Described {
  kind: string;
  tagName?: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: ManifestEvent[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}

export interface ManifestAttribute extends Described {
  fieldName?: string;
  type?: { text: string };
}

export interface ManifestMember extends Described {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  type?: { text: string };
}

export interface ManifestEvent extends Described {
  type?: { text: string };
}

/** A custom element of the manifest, with the module that declares its class. */
export interface ManifestElement extends Declaration {
  tagName: string;
  /** The class's module, e.g. `src/elements/qr-scanner/qr-scanner.component.ts`. */
  path: string;
}

export function readManifest(path = 'custom-elements.json'): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Every declaration with a tag name, in the manifest's (path) order. */
export function elementsOf(manifest: Manifest): ManifestElement[] {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.tagName)
      .map((declaration) => ({ ...declaration, tagName: declaration.tagName!, path: module.path })),
  );
}

/** Members a host may use: neither private, protected, static nor underscored. */
export function publicMembers(element: ManifestElement): ManifestMember[] {
  return (element.members ?? []).filter(
    (member) => (member.privacy ?? 'public') === 'public' && !member.static && !member.name.startsWith('_'),
  );
}

/** Public fields a host may set (read-only ones left out). */
export function settableProperties(element: ManifestElement): ManifestMember[] {
  return publicMembers(element).filter((member) => member.kind === 'field' && !member.readonly);
}
