import { css } from 'lit';

export const qrScannerStyles = css`
  :host {
    --_qr-size: var(--inbox-qr-size, 240px);
  }

  /* Its own ground, so the theme's text stays readable on a page of the other scheme. */
  .base {
    display: grid;
    gap: calc(var(--_space) * 2);
    background: var(--_surface);
  }

  .base:focus {
    outline: none;
  }

  .layout {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: calc(var(--_space) * 2);
  }

  .qr {
    position: relative;
    flex: none;
    /* As wide as asked, or as the column when that is narrower: a fixed side would widen the host's column. */
    inline-size: min(var(--_qr-size), 100%);
    aspect-ratio: 1;
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    /* A QR code is read left to right whatever the text direction, and needs dark modules on a light
       ground whatever the theme. */
    direction: ltr;
    background: #ffffff;
    color: #1b1f24;
  }

  .qr > svg {
    display: block;
    inline-size: 100%;
    block-size: 100%;
  }

  .qr.placeholder,
  .overlay {
    display: grid;
    place-items: center;
  }

  .qr > .spinner {
    position: absolute;
    inset: 0;
    margin: auto;
  }

  .encoder-failed {
    display: grid;
    place-content: center;
    gap: var(--_space);
    block-size: 100%;
    margin: 0;
    padding: var(--_space);
    text-align: center;
  }

  .qr.scanned svg {
    opacity: 0.12;
  }

  .overlay {
    position: absolute;
    inset: 0;
  }

  /* The expired code stays in place, too blurred to scan, under the button that replaces it. */
  .qr.expired > svg {
    filter: blur(6px);
    opacity: 0.5;
  }

  .qr.expired .overlay {
    display: grid;
    place-items: center;
    align-content: center;
  }

  .reload-code {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    border-radius: 999px;
    padding-block: calc(var(--_space) * 1.5);
  }

  .reload-icon {
    inline-size: 1.25em;
    block-size: 1.25em;
  }

  .overlay .spinner {
    inline-size: 2.5em;
    block-size: 2.5em;
  }

  .details {
    display: grid;
    flex: 1 1 14em;
    gap: calc(var(--_space) * 1.5);
    min-inline-size: 0;
  }

  .steps {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    margin: 0;
    padding-inline-start: 1.4em;
  }

  .status {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }

  .status p {
    margin: 0;
  }

  .status .line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .time-left {
    font-variant-numeric: tabular-nums;
  }

  .notice {
    padding-block: calc(var(--_space) * 0.5);
    padding-inline: var(--_space);
    border-inline-start: 3px solid var(--_danger);
    background: var(--_surface-alt);
  }

  .success {
    color: var(--_success);
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
`;
