/**
 * The way forward when a part fetched on demand could not be loaded: the browser keeps that failure
 * for the page's lifetime, so asking for the part again cannot succeed until the page loads anew.
 */
export function reloadPage(): void {
  location.reload();
}
