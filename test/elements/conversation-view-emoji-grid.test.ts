import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import '../helpers/lit-warnings.js';
import { EmojiGrid, gridWords } from '../../src/elements/conversation-view/emoji-grid.js';
import { sharedStyles } from '../../src/internal/shared.styles.js';
import { waitUntil } from '../helpers/async.js';
import { text } from '../helpers/elements.js';

const NO_MATCH = 'Nothing matches.';

/** A throwaway host for the grid, in a panel like the composer's. */
class GridHost extends LitElement {
  static override styles = sharedStyles;
  readonly chosen: string[] = [];
  grid?: EmojiGrid;

  async start(locale: string): Promise<void> {
    this.grid = new EmojiGrid(this, await gridWords(locale), (emoji) => this.chosen.push(emoji));
    this.grid.open();
    await waitUntil(() => this.focused === this.search, 'the search field did not take the focus');
  }

  get focused(): Element | null {
    return this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
  }

  get search(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input[type="search"]');
  }

  get choices(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="group"] button')];
  }

  override render() {
    return html`<div role="group" aria-label="Emoji">${this.grid?.render(NO_MATCH)}</div>`;
  }
}
customElements.define('emoji-grid-host', GridHost);

async function mountGrid(locale = 'en', dir = 'ltr'): Promise<GridHost> {
  const host = await fixture<GridHost>(html`<emoji-grid-host dir=${dir}></emoji-grid-host>`);
  await host.start(locale);
  return host;
}

describe('the lit emoji grid (the picker of pages that require Trusted Types)', () => {
  it('is accessible: a named search field, each category a group named by its heading, each emoji named', async () => {
    const host = await mountGrid();
    await expect(host).to.be.accessible();
    expect(host.search!.getAttribute('aria-label')).to.equal('Search');
    const groups = [...host.renderRoot.querySelectorAll('[role="group"] [role="group"]')];
    expect(groups).to.have.length(9);
    const heading = host.renderRoot.querySelector(`#${groups[0].getAttribute('aria-labelledby')!}`);
    expect(text(heading)).to.equal('Smileys and emoticons');
    const grinning = host.choices[0];
    expect(grinning.textContent.trim()).to.equal('😀');
    expect(grinning.getAttribute('aria-label')).to.equal('grinning');
    expect(host.choices.filter((button) => button.tabIndex === 0)).to.deep.equal([grinning]);
  });

  it('searches by name and keyword, chooses the first match with Enter, and says when nothing matches', async () => {
    const host = await mountGrid();
    await sendKeys({ type: 'thumbs' });
    await waitUntil(() => host.choices.length > 0 && host.choices.length < 10, 'the search did not narrow');
    expect(host.choices.map((button) => button.getAttribute('aria-label'))).to.include('+1');
    await sendKeys({ press: 'Enter' });
    expect(host.chosen).to.deep.equal([host.choices[0].textContent.trim()]);

    host.search!.select();
    await sendKeys({ type: 'qqqzzz' });
    await waitUntil(() => host.choices.length === 0, 'the search still shows emoji');
    expect(text(host.renderRoot.querySelector('[role="status"]'))).to.equal(NO_MATCH);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowDown' });
    expect(host.chosen).to.have.length(1);
    expect(host.focused).to.equal(host.search);
    await expect(host).to.be.accessible();
  });

  it('moves with the arrow keys across rows and categories, and chooses with Enter', async () => {
    const host = await mountGrid();
    await sendKeys({ press: 'ArrowDown' });
    const choices = host.choices;
    expect(host.focused).to.equal(choices[0]);
    await sendKeys({ press: 'ArrowRight' });
    expect(host.focused).to.equal(choices[1]);
    await host.updateComplete;
    expect(choices.filter((button) => button.tabIndex === 0)).to.deep.equal([choices[1]]);

    // The last row of the first category, then down into the next category's first row.
    const columns = choices.filter((button) => button.offsetTop === choices[0].offsetTop).length;
    const smileys = host.renderRoot
      .querySelector('[role="group"] [role="group"]')!
      .querySelectorAll('button');
    const lastRowStart = smileys.length - (smileys.length % columns || columns);
    for (let row = 0; row < lastRowStart / columns; row += 1) await sendKeys({ press: 'ArrowDown' });
    expect(host.focused).to.equal(choices[lastRowStart + 1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(host.focused).to.equal(choices[smileys.length + 1]);
    await sendKeys({ press: 'ArrowUp' });
    expect(host.focused).to.equal(choices[lastRowStart + 1]);

    await sendKeys({ press: 'End' });
    expect(host.focused).to.equal(choices.at(-1));
    await sendKeys({ press: 'Home' });
    expect(host.focused).to.equal(choices[0]);
    await sendKeys({ press: 'ArrowUp' });
    expect(host.focused).to.equal(host.search);

    await sendKeys({ press: 'Tab' });
    expect(host.focused).to.equal(choices[0]);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect(host.chosen).to.deep.equal([choices[1].textContent.trim()]);
    await sendKeys({ press: ' ' });
    expect(host.chosen).to.have.length(2);
  });

  it('speaks Arabic, and right to left the arrow keys follow what the eye sees', async () => {
    const host = await mountGrid('ar', 'rtl');
    expect(host.search!.getAttribute('aria-label')).to.equal('بحث');
    const headings = [...host.renderRoot.querySelectorAll('h3')].map((heading) => text(heading));
    expect(headings[0]).to.equal('الوجوه الضاحكة ورموز المشاعر');
    expect(headings.at(-1)).to.equal('الأعلام');
    await sendKeys({ press: 'ArrowDown' });
    const choices = host.choices;
    expect(choices[1].getBoundingClientRect().left).to.be.lessThan(choices[0].getBoundingClientRect().left);
    await sendKeys({ press: 'ArrowLeft' });
    expect(host.focused).to.equal(choices[1]);
    await sendKeys({ press: 'ArrowRight' });
    expect(host.focused).to.equal(choices[0]);
    await expect(host).to.be.accessible();
  });
});
