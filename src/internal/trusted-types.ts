let required: boolean | undefined;

/**
 * Whether the page refuses HTML strings in its DOM sinks (`require-trusted-types-for 'script'` in its
 * Content-Security-Policy), asked once per page. `scratch` is a node of ours to put a hidden frame in.
 *
 * No browser says whether it enforces Trusted Types: the only way to know is to give a sink a string,
 * and in Chromium every string a sink refuses fires a `securitypolicyviolation` event and a report,
 * from the document whose sink refused it, whatever the string or the sink (an empty string, a detached
 * node or a parser alike). So the string goes to a sink of an empty frame made for this: an about:blank
 * frame has its parent's policy, so it refuses what the page would, and the event fires in the frame,
 * not on the page; only a policy with a reporting endpoint hears of it, once per page.
 */
export function pageRequiresTrustedTypes(scratch: ParentNode): boolean {
  if (required !== undefined) return required;
  if (!('trustedTypes' in window)) {
    required = false;
    return required;
  }
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  scratch.append(frame);
  try {
    const frameWindow = frame.contentWindow as (Window & typeof globalThis) | null;
    // Without a frame to ask, yes: what needs no HTML strings works on every page.
    if (!frameWindow) return true;
    try {
      new frameWindow.DOMParser().parseFromString('', 'text/html');
      required = false;
    } catch {
      required = true;
    }
    return required;
  } finally {
    frame.remove();
  }
}
