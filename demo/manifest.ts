/** The parts of a custom-elements manifest (schema 2.x) that the API page shows. */
interface Described {
  name: string;
  description?: string;
}

export interface ManifestAttribute extends Described {
  type?: { text: string };
  default?: string;
  fieldName?: string;
}

export interface ManifestMember extends Described {
  kind: 'field' | 'method';
  type?: { text: string };
  default?: string;
  attribute?: string;
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
  readonly?: boolean;
  parameters?: { name: string; type?: { text: string } }[];
  return?: { type?: { text: string } };
}

export interface ManifestEvent extends Described {
  type?: { text: string };
}

export interface ManifestElement extends Described {
  tagName: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: ManifestEvent[];
  cssParts?: Described[];
  cssProperties?: (Described & { default?: string })[];
  slots?: Described[];
}

interface Manifest {
  modules: { declarations?: (Partial<ManifestElement> & { customElement?: boolean })[] }[];
}

/** Every element the manifest declares with a tag, in the order of their tags. */
export function elementsOf(manifest: unknown): ManifestElement[] {
  const elements = (manifest as Manifest).modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is ManifestElement => typeof declaration.tagName === 'string');
  return elements.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

const isPublic = (member: ManifestMember) => (member.privacy ?? 'public') === 'public' && !member.static;

/** Public instance fields: what a host reads or sets on the element. */
export function propertiesOf(element: ManifestElement): ManifestMember[] {
  return (element.members ?? []).filter((member) => member.kind === 'field' && isPublic(member));
}

/** Public instance methods: what a host calls on the element. */
export function methodsOf(element: ManifestElement): ManifestMember[] {
  return (element.members ?? []).filter((member) => member.kind === 'method' && isPublic(member));
}

/**
 * Properties without an attribute that the playground can set from JSON text: functions and objects with
 * behaviour (`getToken`, `backend`) cannot be written that way.
 */
export function jsonSettable(property: ManifestMember): boolean {
  const type = property.type?.text ?? '';
  return !property.attribute && !property.readonly && !type.includes('=>') && !/\bBackend\b/.test(type);
}
