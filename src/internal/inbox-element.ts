import { ContextProvider, consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Backend } from '../api/backend.js';
import { mergeConfig, pageConfig, type InboxConfig } from '../config/config.js';
import { configurationProblem } from '../config/configuration-problem.js';
import { servicesContext, servicesFor, type InboxServices } from '../config/services.js';
import { LocalizeController } from '../controllers/localize.controller.js';
import type { Strings } from '../i18n/en.js';
import { defineElement } from './registry.js';

/**
 * The base of every element: the shared configuration attributes, the services they resolve to, a
 * typed `emit()`, and a guarded `define()`.
 *
 * The theme tokens below apply to every element (and to the elements it nests). Set them on the elements
 * or any ancestor; to give the dark theme its own values, set them under `[theme='dark']` or
 * `@media (prefers-color-scheme: dark)`.
 *
 * @cssprop --inbox-color-primary - Accent colour: primary buttons, links, focus rings, the selected item.
 * @cssprop --inbox-color-on-primary - Text on the accent colour.
 * @cssprop --inbox-color-surface - Background of the element, its cards and fields.
 * @cssprop --inbox-color-surface-alt - Background of notices, hovered items and incoming messages.
 * @cssprop --inbox-color-text - Body text.
 * @cssprop --inbox-color-muted - Secondary text: hints, times, counts.
 * @cssprop --inbox-color-border - Borders of cards, fields and separators.
 * @cssprop --inbox-color-danger - Errors and destructive buttons.
 * @cssprop --inbox-color-success - Success messages and healthy accounts.
 * @cssprop --inbox-radius - Corner radius of cards, fields, buttons and bubbles (default 8px).
 * @cssprop --inbox-space - The spacing unit that gaps and paddings are multiples of (default 8px).
 * @cssprop --inbox-density - Scales spacing and control heights: 1 by default, e.g. 0.75 compact, 1.25 roomy.
 * @cssprop --inbox-font-family - Font of the element (default the system UI font).
 * @cssprop --inbox-font-size - Base font size, which other sizes follow (default 15px).
 * @cssprop --inbox-focus-ring - Box shadow that marks the focused control.
 *
 * @fires {CustomEvent<DataSkippedDetail>} inbox-data-skipped - A record in an answer lacked the contract's shape and was left out, the rest shown; once per record: `detail.kind`, `detail.id`, `detail.reason`.
 * @fires {CustomEvent<SignedOutDetail>} inbox-signed-out - The server refused a freshly fetched token right after the last one: the session is over until the host signs the user in again.
 */
export abstract class InboxElement extends LitElement {
  /** Registers this element under `tagName`; safe to call more than once. */
  static define(tagName: string): void {
    defineElement(tagName, this as unknown as CustomElementConstructor);
  }

  private readonly servicesProvider = new ContextProvider(this, { context: servicesContext });

  /** The element's own English strings (the common ones are always there); other languages fall back to them. */
  protected static englishStrings: Partial<Strings> = {};

  /** The element's language: its strings, `Intl` locale and text direction. */
  protected readonly localize = new LocalizeController(
    this,
    (this.constructor as typeof InboxElement).englishStrings,
  );

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

  /** Who is signed in (the host's user id); what is kept on this browser is kept for them alone, hashed. */
  @property() identity?: string;

  /** Colour scheme: `light`, `dark`, or unset to follow the system. */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @consume({ context: servicesContext, subscribe: true })
  @state()
  private providedServices?: InboxServices;

  @state() private pageDefaults: InboxConfig = pageConfig.get();

  private unsubscribePageConfig?: () => void;

  /** The client, socket and stores this element uses; `undefined` until it has a `base-url`. */
  protected services?: InboxServices;

  /** What is wrong with the element's configuration, naming the attribute or option; reported once each. */
  @state() private configProblem: string | undefined;
  private readonly reportedProblems = new Set<string>();

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

  /** Why the element has no services, in a sentence for its user: what is wrong, or what is missing. */
  protected get notSetUpMessage(): string {
    const s = this.localize.strings;
    return this.configProblem === undefined ? s.errorNotConfigured : s.errorMisconfigured(this.configProblem);
  }

  /** A problem with the element's own attributes (say, a number that is not one), naming the attribute. */
  protected ownConfigurationProblem(): string | undefined {
    return undefined;
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
      identity: this.identity ?? undefined,
    };
    const hasOwnConfig = Object.values(own).some((value) => value !== undefined);
    const merged = mergeConfig(this.pageDefaults, own);
    const problem =
      this.ownConfigurationProblem() ??
      (hasOwnConfig || !this.providedServices
        ? configurationProblem(merged, {
            baseUrl: own.baseUrl === undefined ? 'configure({ baseUrl })' : 'base-url',
            socketUrl: own.socketUrl === undefined ? 'configure({ socketUrl })' : 'socket-url',
            getToken: own.getToken === undefined ? 'configure({ getToken })' : 'the getToken property',
          })
        : undefined);
    this.configProblem = problem;
    if (problem !== undefined) {
      this.reportProblem(problem);
      return undefined;
    }
    if (!hasOwnConfig && this.providedServices) return this.providedServices;
    return servicesFor(merged);
  }

  private reportProblem(problem: string): void {
    if (this.reportedProblems.has(problem)) return;
    this.reportedProblems.add(problem);
    console.error(`<${this.localName}>: ${problem}`);
  }
}
