import { css } from 'lit';

/** The element's frame: one pane or two by its own width, and what every pane shares. */
export const conversationViewStyles = css`
  :host {
    --_bubble-in: var(--inbox-bubble-incoming, var(--_surface-alt));
    --_bubble-out: var(--inbox-bubble-outgoing, color-mix(in srgb, var(--_primary) 14%, var(--_surface)));
    container-type: inline-size;
    block-size: var(--inbox-conversation-height, 600px);
  }

  /*
   * The containing block of everything positioned inside: a visually hidden label after a long name
   * would otherwise be placed past the clipped name, outside the element, and scroll the host page.
   */
  .layout {
    position: relative;
    display: grid;
    grid-template-columns: minmax(220px, 320px) 1fr;
    /* The connection banner's row, then the panes. */
    grid-template-rows: auto minmax(0, 1fr);
    gap: 0;
    block-size: 100%;
    padding: 0;
    overflow: hidden;
  }

  .layout[data-single] {
    grid-template-columns: 1fr;
  }

  h2 {
    margin: 0;
    font-size: 1.1em;
  }

  .channel-icon {
    inline-size: 24px;
    block-size: 24px;
    flex: none;
  }

  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    padding: calc(var(--_space) * 2);
    color: var(--_muted);
  }

  .status.error {
    color: var(--_danger);
  }

  .status h3,
  .status p {
    margin: 0;
  }

  .empty {
    display: grid;
  }

  /* The SVG icons of icons.ts: text-sized, in the colour of the text around them. */
  .icon {
    inline-size: 1.2em;
    block-size: 1.2em;
    flex: none;
    vertical-align: -0.2em;
  }

  /* A grey bar where text is loading; it breathes unless the user asked for less motion. */
  .bone {
    display: block;
    block-size: 0.8em;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_text) 12%, transparent);
    animation: breathe 1.4s ease-in-out infinite;
  }

  @keyframes breathe {
    50% {
      opacity: 0.5;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }

  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: calc(var(--_control-size) * 0.8);
    block-size: calc(var(--_control-size) * 0.8);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
    font: inherit;
    cursor: pointer;
  }

  .icon-button:hover {
    background: var(--_surface-alt);
  }

  .icon-button:focus-visible {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  @container (max-width: 600px) {
    .layout {
      grid-template-columns: 1fr;
    }

    .layout[data-open] .conversations,
    .layout:not([data-open]) .thread {
      display: none;
    }
  }
`;
