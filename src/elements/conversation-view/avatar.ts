import { css, html, nothing, type TemplateResult } from 'lit';
import type { Contact } from '../../api/types.js';
import { safeUrl } from '../../internal/safe-url.js';

/** Up to two letters for a contact without a picture: "Nora Haddad" → "NH", "@nora" → "N". */
export function initialsOf(contact: Contact | undefined): string {
  const source = contact?.name ?? contact?.username ?? '';
  const words = source.trim().split(/\s+/).filter(Boolean).slice(0, 2);
  return words.map((word) => (Array.from(word.replace(/^@/, ''))[0] ?? '').toLocaleUpperCase()).join('');
}

function hideBrokenPicture(event: Event): void {
  (event.target as HTMLImageElement).hidden = true;
}

/**
 * A contact's picture (its `avatar_url`, through `safeUrl`) over their initials, which show while it loads
 * or when it cannot. Decorative: the contact's name is always written beside it.
 */
export function renderAvatar(contact: Contact | undefined, badge: TemplateResult | typeof nothing = nothing) {
  const url = safeUrl(contact?.avatar_url);
  const initials = initialsOf(contact);
  return html`<span class="avatar" aria-hidden="true">
    <span class="initials"
      >${initials ? html`<bdi>${initials}</bdi>` : html`<svg viewBox="0 0 24 24" focusable="false"><path fill="currentColor" d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z" /></svg>`}</span
    >
    ${url ? html`<img src=${url} alt="" loading="lazy" decoding="async" @error=${hideBrokenPicture} />` : nothing}
    ${badge}
  </span>`;
}

export const avatarStyles = css`
  .avatar {
    position: relative;
    display: inline-grid;
    flex: none;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_primary) 22%, var(--_surface));
    color: var(--_text);
    font-size: 0.9em;
    font-weight: 600;
  }

  .avatar > .initials,
  .avatar > img {
    grid-area: 1 / 1;
    inline-size: 100%;
    block-size: 100%;
    border-radius: 50%;
  }

  .avatar > .initials {
    display: grid;
    place-items: center;
  }

  .avatar > .initials svg {
    inline-size: 60%;
    block-size: 60%;
  }

  .avatar > img {
    object-fit: cover;
  }

  .avatar > .channel-icon {
    position: absolute;
    inset-block-end: -2px;
    inset-inline-end: -2px;
    inline-size: 16px;
    block-size: 16px;
    border-radius: 50%;
    background: var(--_surface);
  }
`;
