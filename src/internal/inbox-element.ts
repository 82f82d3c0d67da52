import { ContextProvider, consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Backend } from '../api/backend.js';
import { mergeConfig, pageConfig, type InboxConfig } from '../config/config.js';
import { servicesContext, servicesFor, type InboxServices } from '../config/services.js';
import { LocalizeController } from '../controllers/localize.controller.js';
import { defineElement } from './registry.js';

/**
 * The base of every element: the shared configuration attributes, the services they resolve to, a
 * typed `emit()`, and a guarded `define()`.
 */
export abstract class InboxElement extends LitElement {
  /** Registers this element under `tagName`; safe to call more than once. */
  static define(tagName: string): void {
    defineElement(tagName, this as unknown as CustomElementConstructor);
  }

  private readonly servicesProvider = new ContextProvider(this, { context: servicesContext });

  /** The element's language: its strings, `Intl` locale and text direction. */
  protected readonly localize = new LocalizeController(this);

  /** Origin of the backend; the element calls `{base-url}/api/v1/...`. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Phoenix socket endpoint; without it the element polls. */
  @property({ attribute: 'socket-url' }) socketUrl?: string;

  /** API key for server-rendered back offices; prefer `getToken` on public pages. */
  @property({ attribute: 'api-key' }) apiKey?: string;

  /** Returns a short-lived token minted by the host's backend; called again once on a 401. */
  @property({ attribute: false }) getToken?: () => Promise<string>;

  /** Another backend than the contract's, e.g. an adapter for a provider's own API. */
  @property({ attribute: false }) backend?: Backend;

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @consume({ context: servicesContext, subscribe: true })
  @state()
  private providedServices?: InboxServices;

  @state() private pageDefaults: InboxConfig = pageConfig.get();

  private unsubscribePageConfig?: () => void;

  /** The client, socket and stores this element uses; `undefined` until it has a `base-url`. */
  protected services?: InboxServices;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribePageConfig = pageConfig.subscribe((config) => {
      this.pageDefaults = config;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribePageConfig?.();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const services = this.resolveServices();
    if (services !== this.services) {
      const previous = this.services;
      this.services = services;
      this.servicesProvider.setValue(services);
      this.servicesChanged(previous);
    }
  }

  /** Called when the element gets (other) services; elements start their work from here. */
  protected servicesChanged(_previous: InboxServices | undefined): void {}

  /** Dispatches a bubbling, composed event from the host. */
  protected emit<K extends keyof GlobalEventHandlersEventMap>(
    name: K,
    init?: Omit<CustomEventInit, 'detail'> &
      (GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? { detail: D } : object),
  ): boolean {
    const event = new CustomEvent(name, { bubbles: true, composed: true, ...init });
    return this.dispatchEvent(event);
  }

  private resolveServices(): InboxServices | undefined {
    const own: InboxConfig = {
      baseUrl: this.baseUrl ?? undefined,
      socketUrl: this.socketUrl ?? undefined,
      apiKey: this.apiKey ?? undefined,
      getToken: this.getToken,
      backend: this.backend,
    };
    const hasOwnConfig = Object.values(own).some((value) => value !== undefined);
    if (!hasOwnConfig && this.providedServices) return this.providedServices;
    return servicesFor(mergeConfig(this.pageDefaults, own));
  }
}
