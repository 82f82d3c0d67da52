import { css } from 'lit';

export const conversationViewStyles = css`
  :host {
    --_bubble-in: var(--inbox-bubble-incoming, var(--_surface-alt));
    --_bubble-out: var(--inbox-bubble-outgoing, color-mix(in srgb, var(--_primary) 14%, var(--_surface)));
    container-type: inline-size;
    block-size: var(--inbox-conversation-height, 600px);
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(220px, 320px) 1fr;
    gap: 0;
    block-size: 100%;
    padding: 0;
    overflow: hidden;
  }

  .layout[data-single] {
    grid-template-columns: 1fr;
  }

  .conversations {
    display: flex;
    flex-direction: column;
    min-block-size: 0;
    overflow-y: auto;
    border-inline-end: 1px solid var(--_border);
  }

  .list-header {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
  }

  h2 {
    margin: 0;
    font-size: 1.1em;
  }

  .conversation-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .conversation {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: var(--_space);
    inline-size: 100%;
    padding: calc(var(--_space) * 1.25) calc(var(--_space) * 1.5);
    border: none;
    border-block-end: 1px solid var(--_border);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }

  /* A bar on the inline-start edge, whatever the direction; the border takes its width from the padding. */
  .conversation[aria-current='true'] {
    padding-inline-start: calc(var(--_space) * 1.5 - 3px);
    border-inline-start: 3px solid var(--_primary);
    background: var(--_surface-alt);
  }

  .conversation:focus-visible,
  .scroller:focus-visible,
  .thread-title:focus-visible,
  .icon-button:focus-visible,
  .image:focus-visible,
  textarea:focus-visible,
  .attach:focus-within {
    outline: 2px solid transparent;
    box-shadow: var(--_focus);
  }

  .channel-icon {
    inline-size: 24px;
    block-size: 24px;
    flex: none;
  }

  .conversation-text,
  .conversation-meta {
    display: grid;
    min-inline-size: 0;
  }

  .conversation-meta {
    justify-items: end;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .conversation-name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .conversation-preview {
    overflow: hidden;
    color: var(--_muted);
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .unread {
    min-inline-size: 1.6em;
    padding-inline: calc(var(--_space) * 0.75);
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 700;
    text-align: center;
  }

  .more {
    margin: var(--_space);
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

  .thread {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    min-block-size: 0;
  }

  .empty-thread {
    align-items: center;
    justify-content: center;
  }

  .thread-header {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-block-end: 1px solid var(--_border);
  }

  .back {
    display: none;
  }

  /* The base carries the element's resolved dir: arrows that point back or answer follow it. */
  .back > [aria-hidden]:dir(rtl),
  .message-actions > .icon-button:first-child > [aria-hidden]:dir(rtl) {
    display: inline-block;
    transform: scaleX(-1);
  }

  .thread-body {
    position: relative;
    display: flex;
    flex: 1;
    flex-direction: column;
    min-block-size: 0;
  }

  .notice {
    margin: 0;
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: 0.9em;
  }

  .scroller {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overflow-anchor: none;
    padding-block: var(--_space);
  }

  .older {
    display: flex;
    justify-content: center;
    min-block-size: 2.5em;
  }

  .older p {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
  }

  .rows {
    display: block;
  }

  .row {
    display: flex;
    inline-size: 100%;
    padding-inline: calc(var(--_space) * 1.5);
    padding-block-start: calc(var(--_space) * 0.25);
  }

  .row.opens {
    padding-block-start: var(--_space);
  }

  .day-row,
  .marker-row {
    justify-content: center;
    padding-block: var(--_space);
  }

  .day {
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 1.25);
    border-radius: 999px;
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: 0.85em;
  }

  .marker {
    inline-size: 100%;
    border-block-end: 1px solid var(--_danger);
    color: var(--_danger);
    font-size: 0.85em;
    font-weight: 600;
    text-align: center;
  }

  .message-row {
    align-items: flex-end;
    gap: calc(var(--_space) * 0.5);
  }

  .message-row.outgoing {
    flex-direction: row-reverse;
  }

  .bubble {
    display: grid;
    gap: calc(var(--_space) * 0.5);
    max-inline-size: min(75%, 520px);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_bubble-in);
    overflow-wrap: anywhere;
  }

  .outgoing .bubble {
    background: var(--_bubble-out);
  }

  .incoming.closes .bubble {
    border-end-start-radius: 2px;
  }

  .outgoing.closes .bubble {
    border-end-end-radius: 2px;
  }

  .bubble.deleted,
  .placeholder {
    color: var(--_muted);
    font-style: italic;
  }

  .bubble p {
    margin: 0;
  }

  .text {
    white-space: pre-wrap;
  }

  .bubble a {
    color: var(--_primary);
  }

  /* The primary colour alone is under 4.5:1 on the tinted outgoing bubble; a touch of the text colour lifts it. */
  .outgoing .bubble a,
  .outgoing .bubble .link-button {
    color: color-mix(in srgb, var(--_primary) 70%, var(--_text));
  }

  .sender {
    color: var(--_primary);
    font-size: 0.85em;
    font-weight: 600;
  }

  .meta {
    display: flex;
    justify-content: flex-end;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.75em;
  }

  .status-read,
  .status-played {
    color: var(--_primary);
  }

  .status-failed {
    color: var(--_danger);
    font-weight: 700;
  }

  .quote {
    display: grid;
    margin: 0;
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-inline-start: 3px solid var(--_primary);
    border-radius: 4px;
    background: color-mix(in srgb, var(--_text) 6%, transparent);
    font-size: 0.9em;
  }

  .quote-author {
    color: var(--_primary);
    font-weight: 600;
  }

  .quote-text {
    overflow: hidden;
    color: var(--_muted);
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .image {
    display: block;
    padding: 0;
    border: none;
    border-radius: calc(var(--_radius) - 2px);
    background: none;
    cursor: zoom-in;
  }

  .image img {
    display: block;
    inline-size: 220px;
    block-size: 160px;
    border-radius: inherit;
    object-fit: cover;
  }

  audio {
    inline-size: 260px;
    max-inline-size: 100%;
    block-size: 40px;
  }

  video {
    display: block;
    inline-size: 260px;
    max-inline-size: 100%;
    block-size: 146px;
    background: #000;
  }

  .document {
    display: grid;
    grid-template-columns: auto 1fr auto;
    grid-template-rows: auto auto;
    align-items: center;
    column-gap: var(--_space);
  }

  .document-icon {
    grid-row: span 2;
    inline-size: 28px;
    block-size: 28px;
    color: var(--_muted);
  }

  .document-name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
  }

  .document-size {
    grid-column: 2;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .download {
    grid-column: 3;
    grid-row: 1 / span 2;
    font-size: 1.3em;
    text-decoration: none;
  }

  .call {
    color: var(--_muted);
  }

  progress {
    inline-size: 100%;
  }

  .actions {
    display: flex;
    gap: calc(var(--_space) * 1.5);
  }

  .message-actions {
    display: flex;
    opacity: 0;
  }

  .message-row:hover .message-actions,
  .message-row:focus-within .message-actions {
    opacity: 1;
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

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }

  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-primary);
  }

  .jump {
    position: absolute;
    inset-block-end: var(--_space);
    inset-inline-end: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.15);
    cursor: pointer;
  }

  .composer {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-block-start: 1px solid var(--_border);
  }

  .composer.dragging {
    outline: 2px dashed var(--_primary);
    outline-offset: -4px;
  }

  .composer p {
    margin: 0;
  }

  .blocked {
    color: var(--_danger);
  }

  .composer-row {
    display: flex;
    align-items: flex-end;
    gap: var(--_space);
  }

  textarea {
    flex: 1;
    min-block-size: var(--_control-size);
    max-block-size: 160px;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    field-sizing: content;
    resize: none;
  }

  .chip {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-inline-start: 3px solid var(--_primary);
    border-radius: 4px;
    background: var(--_surface-alt);
    font-size: 0.9em;
  }

  .chip span {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .chip img {
    inline-size: 40px;
    block-size: 40px;
    border-radius: 4px;
    object-fit: cover;
  }

  .viewer {
    max-inline-size: 90vw;
    max-block-size: 90vh;
    padding: var(--_space);
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }

  .viewer::backdrop {
    background: rgb(0 0 0 / 0.7);
  }

  .viewer img {
    display: block;
    max-inline-size: 85vw;
    max-block-size: 80vh;
    margin-block-end: var(--_space);
  }

  @container (max-width: 600px) {
    .layout {
      grid-template-columns: 1fr;
    }

    .conversations {
      border-inline-end: none;
    }

    .layout[data-open] .conversations,
    .layout:not([data-open]) .thread {
      display: none;
    }

    .back {
      display: inline-flex;
      align-items: center;
      gap: calc(var(--_space) * 0.5);
    }

    .bubble {
      max-inline-size: 85%;
    }
  }
`;
