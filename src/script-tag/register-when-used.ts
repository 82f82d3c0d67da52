/**
 * Runs `register` once, as soon as an element named `tag` is in the document: one already parsed, or one
 * the parser or the page adds later. The document's own tree is watched, not shadow roots, so it also
 * returns the start, for pages that render the tag only inside a shadow root (and to retry a failed fetch).
 */
export function registerWhenUsed(tag: string, register: () => Promise<void>): () => Promise<void> {
  let registering: Promise<void> | undefined;
  const observer = new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some(holdsTag))) void start();
  });
  const holdsTag = (node: Node) =>
    node instanceof Element && (node.localName === tag || node.querySelector(tag) !== null);
  const start = () => {
    observer.disconnect();
    registering ??= register().catch((error: unknown) => {
      registering = undefined;
      throw error;
    });
    return registering;
  };
  if (document.querySelector(tag)) void start();
  else observer.observe(document, { childList: true, subtree: true });
  return start;
}
