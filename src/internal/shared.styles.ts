import { css } from 'lit';

/**
 * Design tokens and the few building blocks every element shares. Hosts theme the widget through the
 * `--inbox-*` custom properties; everything uses logical properties so right-to-left just works.
 */
export const sharedStyles = css`
  :host {
    --_primary: var(--inbox-color-primary, #0b6bcb);
    --_on-primary: var(--inbox-color-on-primary, #ffffff);
    --_surface: var(--inbox-color-surface, #ffffff);
    --_surface-alt: var(--inbox-color-surface-alt, #f3f5f8);
    --_text: var(--inbox-color-text, #1b1f24);
    --_muted: var(--inbox-color-muted, #57606a);
    --_border: var(--inbox-color-border, #c9d1d9);
    --_danger: var(--inbox-color-danger, #b42318);
    --_success: var(--inbox-color-success, #1a7f37);
    --_radius: var(--inbox-radius, 8px);
    /* One spacing unit; --inbox-density scales it and the height of controls (0.75 compact, 1.25 roomy). */
    --_density: var(--inbox-density, 1);
    --_space: calc(var(--inbox-space, 8px) * var(--_density));
    /* Never under 24px, the smallest target WCAG 2.2 allows. */
    --_control-size: max(24px, calc(40px * var(--_density)));
    --_font: var(--inbox-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_focus: var(--inbox-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_primary) 45%, transparent));

    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--inbox-font-size, 15px);
    line-height: 1.45;
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_primary: var(--inbox-color-primary, #6cb6ff);
      --_on-primary: var(--inbox-color-on-primary, #0b1220);
      --_surface: var(--inbox-color-surface, #161b22);
      --_surface-alt: var(--inbox-color-surface-alt, #21262d);
      --_text: var(--inbox-color-text, #e6edf3);
      --_muted: var(--inbox-color-muted, #9da7b3);
      --_border: var(--inbox-color-border, #3d444d);
      --_danger: var(--inbox-color-danger, #ff8e86);
      --_success: var(--inbox-color-success, #56d364);
    }
  }

  :host([theme='dark']) {
    --_primary: var(--inbox-color-primary, #6cb6ff);
    --_on-primary: var(--inbox-color-on-primary, #0b1220);
    --_surface: var(--inbox-color-surface, #161b22);
    --_surface-alt: var(--inbox-color-surface-alt, #21262d);
    --_text: var(--inbox-color-text, #e6edf3);
    --_muted: var(--inbox-color-muted, #9da7b3);
    --_border: var(--inbox-color-border, #3d444d);
    --_danger: var(--inbox-color-danger, #ff8e86);
    --_success: var(--inbox-color-success, #56d364);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.75);
    min-block-size: var(--_control-size);
    padding-block: calc(var(--_space) * 0.75);
    padding-inline: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  .button.primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  .button:disabled,
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .link-button {
    padding: 0;
    border: none;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }

  .field {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  /* As wide as the field, never wider: a select is otherwise as wide as its longest option. */
  .field input,
  .field select {
    inline-size: 100%;
    min-inline-size: 0;
    min-block-size: var(--_control-size);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }

  .field input[aria-invalid='true'] {
    border-color: var(--_danger);
  }

  .field-error,
  .error {
    color: var(--_danger);
  }

  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .spinner {
    inline-size: 1.2em;
    block-size: 1.2em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
`;

/** The framed card that the larger elements (channel-connect, accounts-list) draw around their content. */
export const cardStyles = css`
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;
