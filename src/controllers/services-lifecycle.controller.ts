import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InboxServices } from '../config/services.js';

/** What an element does with its services: starts its work and returns what undoes it. */
export type AttachServices = (services: InboxServices) => Iterable<() => void>;

/**
 * Starts an element's work with its services (store subscriptions, first loads) while it is on the page,
 * and undoes it when the element leaves the page or gets other services. An element that comes back to
 * the page after a move already knows its services, so no services change would start it again: this
 * controller does.
 */
export class ServicesLifecycleController implements ReactiveController {
  private cleanups: (() => void)[] = [];
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: { services(): InboxServices | undefined; attach: AttachServices },
  ) {
    host.addController(this);
  }

  /** Starts the work with the current services, when the element is on the page and has them. */
  attach(): void {
    this.detach();
    const services = this.options.services();
    if (this.connected && services) this.cleanups = [...this.options.attach(services)];
  }

  /** Undoes what `attach()` started, newest first. */
  detach(): void {
    const cleanups = this.cleanups;
    this.cleanups = [];
    for (const cleanup of cleanups.reverse()) cleanup();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }
}
