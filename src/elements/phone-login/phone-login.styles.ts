import { css } from 'lit';

export const phoneLoginStyles = css`
  :host {
    --_gap: var(--inbox-phone-gap, calc(var(--_space) * 1.5));
    --_max-inline-size: var(--inbox-phone-max-inline-size, 28rem);
  }

  /* Its own ground, so the theme's text stays readable on a page of the other scheme. */
  .base {
    display: grid;
    gap: var(--_gap);
    max-inline-size: var(--_max-inline-size);
    background: var(--_surface);
  }

  .form,
  .status {
    display: grid;
    gap: var(--_gap);
  }

  .explain,
  .status p,
  .field-error {
    margin: 0;
  }

  .field label {
    font-weight: 600;
  }

  .field input {
    inline-size: 100%;
  }

  .field input.digits {
    font-variant-numeric: tabular-nums;
  }

  .notice.error {
    color: var(--_danger);
  }

  .pending {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
  }

  .success {
    margin: 0;
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
`;
