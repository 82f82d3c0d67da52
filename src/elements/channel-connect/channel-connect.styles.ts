import { css } from 'lit';

export const channelConnectStyles = css`
  :host {
    max-inline-size: var(--inbox-connect-max-width, 480px);
  }

  .header {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }

  /* One line between Back and Cancel at any width: the title gives way (cut with an ellipsis), the buttons do not. */
  .step-heading {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    /* Its one line must not make the element wider than its column. */
    contain: inline-size;
    margin: 0;
    font-size: 1.2em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .header > .button {
    flex: none;
    white-space: nowrap;
  }

  .step-heading:focus {
    outline: none;
  }

  .back-arrow {
    display: inline-block;
  }

  /* The base carries the element's resolved dir, so the arrow follows it. */
  .back-arrow:dir(rtl) {
    transform: scaleX(-1);
  }

  .picker {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .channel-option {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 1.5);
    inline-size: 100%;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  .channel-option:hover {
    background: var(--_surface-alt);
  }

  .channel-option:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .channel-icon {
    flex: none;
    inline-size: 32px;
    block-size: 32px;
  }

  .channel-text {
    display: grid;
  }

  .channel-name {
    font-weight: 600;
  }

  .form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }

  .conflict {
    display: grid;
    gap: var(--_space);
    justify-items: start;
  }

  .conflict p,
  .error {
    margin: 0;
  }

  .done {
    display: grid;
    justify-items: center;
    gap: var(--_space);
    text-align: center;
  }

  .done .channel-icon {
    inline-size: 48px;
    block-size: 48px;
  }

  .done p {
    margin: 0;
  }

  .methods {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    border: 0;
  }

  .methods legend {
    margin-block-end: calc(var(--_space) * 0.5);
    padding: 0;
    font-weight: 600;
  }

  .method {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-block-size: var(--_control-size);
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .method:has(input:checked) {
    border-color: var(--_primary);
    font-weight: 600;
  }

  .method-note,
  .loading {
    margin: 0;
  }

  .loading {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
`;
