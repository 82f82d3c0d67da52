const registeredTags = new Map<CustomElementConstructor, string>();

/**
 * Registers `element` as `tagName`. Safe to run twice: nothing happens when this element already owns
 * the tag, and a warning (not an exception) when something else does, as host pages load scripts twice.
 * Registering one element under a second name (a host page that already uses ours) defines a subclass.
 */
export function defineElement(tagName: string, element: CustomElementConstructor): void {
  const owner = customElements.get(tagName);
  if (owner) {
    if (owner !== element && !(owner.prototype instanceof element)) {
      console.warn(`<${tagName}> is already defined by another element; not registering it again.`);
    }
    return;
  }
  const alreadyNamed = customElements.getName(element) !== null;
  customElements.define(tagName, alreadyNamed ? class extends element {} : element);
  if (!registeredTags.has(element)) registeredTags.set(element, tagName);
}

/** The tag an element class was first registered under, so nested elements follow a renamed tag. */
export function tagNameOf(element: CustomElementConstructor, fallback: string): string {
  return registeredTags.get(element) ?? fallback;
}

/** Whether an element class has been registered under any name. */
export function isRegistered(element: CustomElementConstructor): boolean {
  return registeredTags.has(element);
}
