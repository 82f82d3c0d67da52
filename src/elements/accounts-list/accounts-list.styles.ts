import { css } from 'lit';

export const accountsListStyles = css`
  :host {
    --_warning: var(--inbox-color-warning, #9a6700);
    --_badge-radius: var(--inbox-accounts-badge-radius, 999px);

    max-inline-size: var(--inbox-accounts-max-width, 640px);
  }

  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_warning: var(--inbox-color-warning, #e3b341);
    }
  }

  :host([theme='dark']) {
    --_warning: var(--inbox-color-warning, #e3b341);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .heading {
    flex: 1;
    margin: 0;
    font-size: 1.2em;
  }

  .heading:focus,
  .panel:focus {
    outline: none;
  }

  .filter {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }

  .filter .button {
    min-block-size: calc(var(--_control-size) * 0.8);
    padding-inline: calc(var(--_space) * 1.5);
    font-weight: 500;
  }

  .filter .button[aria-pressed='true'] {
    border-color: var(--_primary);
    background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
  }

  .group {
    display: grid;
    gap: var(--_space);
  }

  .group-heading {
    margin: 0;
    color: var(--_muted);
    font-size: 0.95em;
    font-weight: 600;
  }

  .show-more {
    justify-self: start;
  }

  .list {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .account {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
  }

  .account[data-tone='healthy'] {
    border-inline-start-color: var(--_success);
  }

  .account[data-tone='pending'] {
    border-inline-start-color: var(--_primary);
  }

  .account[data-tone='paused'],
  .account[data-tone='unknown'] {
    border-inline-start-color: var(--_warning);
  }

  .account[data-tone='problem'] {
    border-inline-start-color: var(--_danger);
  }

  .account-main {
    display: flex;
    align-items: flex-start;
    gap: calc(var(--_space) * 1.5);
  }

  .channel-icon {
    flex: none;
    inline-size: 32px;
    block-size: 32px;
  }

  .account-text {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    min-inline-size: 0;
  }

  /* Names, statuses and server messages come from others: a long unbroken one wraps, never widens the list. */
  .account-text,
  .notice,
  .state,
  .message,
  .confirm {
    overflow-wrap: anywhere;
  }

  .account-title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .account-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  .badge {
    padding-block: calc(var(--_space) * 0.25);
    padding-inline: var(--_space);
    border: 1px solid currentColor;
    border-radius: var(--_badge-radius);
    font-size: 0.85em;
    font-weight: 600;
  }

  .badge[data-tone='healthy'] {
    color: var(--_success);
  }

  .badge[data-tone='pending'] {
    color: var(--_primary);
  }

  .badge[data-tone='paused'],
  .badge[data-tone='unknown'] {
    color: var(--_warning);
  }

  .badge[data-tone='problem'] {
    color: var(--_danger);
  }

  .advice,
  .synced,
  .message,
  .empty p,
  .confirm p {
    margin: 0;
  }

  .synced {
    color: var(--_muted);
    font-size: 0.9em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }

  .actions .button {
    min-block-size: calc(var(--_control-size) * 0.9);
    padding-inline: calc(var(--_space) * 1.5);
  }

  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_surface);
  }

  .confirm,
  .message,
  .notice {
    display: grid;
    gap: var(--_space);
    justify-items: start;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .confirm-title {
    font-weight: 600;
  }

  .message.error,
  .notice.error {
    color: var(--_danger);
  }

  .message.success {
    color: var(--_success);
  }

  .state {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0;
  }

  .empty {
    display: grid;
    justify-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    text-align: center;
  }

  .empty h3 {
    margin: 0;
  }

  .panel {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
  }

  /* Inside the panel the linking element is not a card of its own: its frame would only narrow a phone's row. */
  [part='connect']::part(base) {
    padding-inline: 0;
    border: none;
    box-shadow: none;
  }
`;
