import { css } from 'lit';

export const instagramTwoFactorStyles = css`
  :host {
    --_gap: var(--inbox-2fa-gap, calc(var(--_space) * 1.5));
    --_max-inline-size: var(--inbox-2fa-max-inline-size, 28rem);
    --_code-font-size: var(--inbox-2fa-code-font-size, 1.4em);
    --_code-letter-spacing: var(--inbox-2fa-code-letter-spacing, 0.25em);
  }

  /* Its own ground, so the theme's text stays readable on a page of the other scheme. */
  .base {
    display: grid;
    gap: var(--_gap);
    max-inline-size: var(--_max-inline-size);
    background: var(--_surface);
  }

  .title {
    margin: 0;
    font-size: 1.15em;
    overflow-wrap: anywhere;
  }

  .explain,
  .status p {
    margin: 0;
  }

  .form {
    display: grid;
    gap: var(--_gap);
  }

  .field label {
    font-weight: 600;
  }

  .field input.code {
    inline-size: 100%;
    font-size: var(--_code-font-size);
    font-variant-numeric: tabular-nums;
    letter-spacing: var(--_code-letter-spacing);
  }

  .field-error {
    margin: 0;
  }

  .status {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .round {
    color: var(--_muted);
    font-weight: 600;
  }

  .notice.error {
    color: var(--_danger);
  }

  .success {
    padding-block: var(--_space);
    padding-inline: calc(var(--_space) * 1.5);
    border-inline-start: 4px solid var(--_success);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .success:focus {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .actions .cancel {
    margin-inline-start: auto;
  }

  .button .spinner {
    flex: none;
  }
`;
