import { html, render, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import manifest from '../custom-elements.json';
import { configure } from '../src/index.js';
import {
  elementsOf,
  jsonSettable,
  methodsOf,
  propertiesOf,
  type ManifestAttribute,
  type ManifestElement,
  type ManifestMember,
} from './manifest.js';

// Everything on this page comes from custom-elements.json, which `npm run manifest` writes from the
// elements' own JSDoc, so it cannot drift from the code.
const elements = elementsOf(manifest);

// Each browser tab may pick its own sandbox world with ?tenant=…, as on the demo page.
const apiKey = new URLSearchParams(location.search).get('tenant') ?? 'demo';
configure({ baseUrl: location.origin, apiKey });

/** Manifest descriptions mark code with backticks. */
function prose(text = ''): (string | TemplateResult)[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? html`<code>${part}</code>` : part));
}

function code(text?: string): TemplateResult | string {
  return text ? html`<code>${text}</code>` : '—';
}

type Column<T> = [heading: string, cell: (row: T) => unknown];

function table<T>(caption: string, kind: string, rows: T[], columns: Column<T>[]): TemplateResult {
  if (rows.length === 0) return html`<p class="api-none" data-kind=${kind}>${caption}: none.</p>`;
  return html`
    <table class="api-table" data-kind=${kind}>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map(([heading]) => html`<th scope="col">${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${columns.map(([, cell]) => html`<td>${cell(row)}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  `;
}

function signature(method: ManifestMember): string {
  const parameters = (method.parameters ?? []).map(
    (parameter) => `${parameter.name}${parameter.type ? `: ${parameter.type.text}` : ''}`,
  );
  return `${method.name}(${parameters.join(', ')})${method.return?.type ? `: ${method.return.type.text}` : ''}`;
}

function referenceOf(element: ManifestElement): TemplateResult {
  const tag = element.tagName;
  return html`
    <section class="api-element" data-tag=${tag} aria-labelledby="api-${tag}">
      <h2 id="api-${tag}"><code>&lt;${tag}&gt;</code></h2>
      <p>${prose(element.summary ?? element.description)}</p>
      ${table<ManifestAttribute>('Attributes', 'attributes', element.attributes ?? [], [
        ['attribute', (attribute) => code(attribute.name)],
        ['property', (attribute) => code(attribute.fieldName)],
        ['type', (attribute) => code(attribute.type?.text)],
        ['default', (attribute) => code(attribute.default)],
        ['meaning', (attribute) => prose(attribute.description)],
      ])}
      ${table<ManifestMember>('Properties', 'properties', propertiesOf(element), [
        ['property', (property) => code(property.name)],
        ['type', (property) => code(property.type?.text)],
        ['default', (property) => code(property.default)],
        ['attribute', (property) => code(property.attribute)],
        ['meaning', (property) => [property.readonly ? 'Read-only. ' : '', ...prose(property.description)]],
      ])}
      ${table<ManifestMember>('Methods', 'methods', methodsOf(element), [
        ['method', (method) => code(signature(method))],
        ['meaning', (method) => prose(method.description)],
      ])}
      ${table('Events', 'events', element.events ?? [], [
        ['event', (event) => code(event.name)],
        ['type', (event) => code(event.type?.text)],
        ['meaning', (event) => prose(event.description)],
      ])}
      ${table('Parts', 'parts', element.cssParts ?? [], [
        ['part', (part) => code(part.name)],
        ['meaning', (part) => prose(part.description)],
      ])}
      ${table('CSS custom properties', 'css-properties', element.cssProperties ?? [], [
        ['property', (property) => code(property.name)],
        ['meaning', (property) => prose(property.description)],
      ])}
      ${table('Slots', 'slots', element.slots ?? [], [
        ['slot', (slot) => code(slot.name || '(default)')],
        ['meaning', (slot) => prose(slot.description)],
      ])}
    </section>
  `;
}

// The playground: one live element, its attributes and properties as form fields, its events logged.
const preview = document.querySelector<HTMLElement>('#playground-preview')!;
const controls = document.querySelector<HTMLElement>('#playground-controls')!;
const log = document.querySelector<HTMLElement>('#playground-log')!;
const loggedEvents: string[] = [];
const propertyErrors = new Map<string, string>();
let selected = elements[0];
let shownElement: HTMLElement = mount(selected);

function mount(element: ManifestElement): HTMLElement {
  const instance = document.createElement(element.tagName);
  for (const { name } of element.events ?? []) instance.addEventListener(name, logEvent);
  preview.replaceChildren(instance);
  return instance;
}

function detailText(event: Event): string {
  try {
    return JSON.stringify((event as CustomEvent).detail) ?? '';
  } catch {
    return '(a detail that is not JSON)';
  }
}

function logEvent(event: Event): void {
  loggedEvents.unshift(`${event.type} ${detailText(event)}`);
  loggedEvents.length = Math.min(loggedEvents.length, 50);
  renderPlayground();
}

function choose(tag: string): void {
  selected = elements.find((element) => element.tagName === tag)!;
  propertyErrors.clear();
  loggedEvents.length = 0;
  shownElement = mount(selected);
  renderPlayground();
}

function setAttribute(name: string, value: string | boolean): void {
  if (value === false || value === '') shownElement.removeAttribute(name);
  else shownElement.setAttribute(name, value === true ? '' : value);
  renderPlayground();
}

function setProperty(name: string, text: string): void {
  try {
    const value: unknown = text.trim() === '' ? undefined : JSON.parse(text);
    (shownElement as unknown as Record<string, unknown>)[name] = value;
    propertyErrors.delete(name);
  } catch (error) {
    propertyErrors.set(name, `Not JSON: ${(error as Error).message}`);
  }
  renderPlayground();
}

function attributeField(attribute: ManifestAttribute): TemplateResult {
  const id = `attribute-${attribute.name}`;
  if (attribute.type?.text === 'boolean') {
    return html`<label class="field" for=${id}>
      <input
        id=${id}
        type="checkbox"
        .checked=${live(shownElement.hasAttribute(attribute.name))}
        @change=${(event: Event) => setAttribute(attribute.name, (event.target as HTMLInputElement).checked)}
      />
      <code>${attribute.name}</code>
    </label>`;
  }
  return html`<label class="field" for=${id}>
    <code>${attribute.name}</code>
    <input
      id=${id}
      data-attribute=${attribute.name}
      .value=${live(shownElement.getAttribute(attribute.name) ?? '')}
      placeholder=${attribute.default ?? ''}
      @change=${(event: Event) => setAttribute(attribute.name, (event.target as HTMLInputElement).value)}
    />
  </label>`;
}

function propertyField(property: ManifestMember): TemplateResult {
  const id = `property-${property.name}`;
  const current = (shownElement as unknown as Record<string, unknown>)[property.name];
  const error = propertyErrors.get(property.name);
  return html`<label class="field" for=${id}>
      <span><code>.${property.name}</code> (JSON)</span>
      <input
        id=${id}
        data-property=${property.name}
        .value=${live(current === undefined ? '' : (JSON.stringify(current) ?? ''))}
        @change=${(event: Event) => setProperty(property.name, (event.target as HTMLInputElement).value)}
      />
    </label>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : ''}`;
}

function callable(method: ManifestMember): boolean {
  return (method.parameters ?? []).length === 0;
}

function renderPlayground(): void {
  render(
    html`
      <label class="field" for="playground-element">
        Element
        <select
          id="playground-element"
          @change=${(event: Event) => choose((event.target as HTMLSelectElement).value)}
        >
          ${elements.map(
            (element) =>
              html`<option value=${element.tagName} ?selected=${element === selected}>
                &lt;${element.tagName}&gt;
              </option>`,
          )}
        </select>
      </label>
      <fieldset>
        <legend>Attributes</legend>
        ${(selected.attributes ?? []).map(attributeField)}
      </fieldset>
      <fieldset>
        <legend>Properties without an attribute</legend>
        ${propertiesOf(selected).filter(jsonSettable).map(propertyField)}
      </fieldset>
      <div class="methods">
        ${methodsOf(selected)
          .filter(callable)
          .map(
            (method) =>
              html`<button
                type="button"
                @click=${() => (shownElement as unknown as Record<string, () => unknown>)[method.name]()}
              >
                ${method.name}()
              </button>`,
          )}
      </div>
    `,
    controls,
  );
  render(
    html`${
      loggedEvents.length === 0
        ? html`<li class="note">No event yet.</li>`
        : loggedEvents.map((entry) => html`<li>${entry}</li>`)
    }`,
    log,
  );
}

render(html`${elements.map(referenceOf)}`, document.querySelector<HTMLElement>('#reference')!);
renderPlayground();
document.body.dataset.apiReady = 'true';
