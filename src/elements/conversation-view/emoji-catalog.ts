import Picker from 'emoji-picker-element/picker.js';
import type { I18n, NativeEmoji, SkinTone } from 'emoji-picker-element/shared.js';
import { bundledEmoji, searchEmoji, type BundledEmoji } from './bundled-emoji.js';

/** Shown in the favourites row before the user has picked any. */
const STARTING_FAVOURITES = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '👋'];
/** The newest emoji the bundled list holds; giving it also spares the picker its font probe. */
const BUNDLED_EMOJI_VERSION = 11;

/**
 * What emoji-picker-element asks of its database, answered from the list bundled with this chunk instead
 * of data it would fetch from a CDN into IndexedDB: no request leaves the page, and the CSP needs nothing.
 * The skin tone and favourites last as long as the page.
 */
class BundledEmojiDatabase {
  readonly locale = 'en';
  readonly dataSource = 'inbox-elements:bundled';
  customEmoji = [];
  private readonly emoji: readonly BundledEmoji[] = bundledEmoji();
  private skinTone: SkinTone = 0;
  private readonly favourites = new Map<string, number>();

  ready(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  getEmojiByGroup(group: number): Promise<NativeEmoji[]> {
    return Promise.resolve(this.emoji.filter((emoji) => emoji.group === group));
  }

  /** Every word of the query starts a word of the emoji's name or keywords. */
  getEmojiBySearchQuery(query: string): Promise<NativeEmoji[]> {
    return Promise.resolve(searchEmoji(query));
  }

  getEmojiByShortcode(): Promise<null> {
    return Promise.resolve(null);
  }

  getEmojiByUnicodeOrName(unicodeOrName: string): Promise<NativeEmoji | null> {
    return Promise.resolve(
      this.emoji.find(
        (emoji) =>
          emoji.unicode === unicodeOrName ||
          emoji.name === unicodeOrName ||
          emoji.skins?.some((skin) => skin.unicode === unicodeOrName),
      ) ?? null,
    );
  }

  getPreferredSkinTone(): Promise<SkinTone> {
    return Promise.resolve(this.skinTone);
  }

  setPreferredSkinTone(skinTone: SkinTone): Promise<void> {
    this.skinTone = skinTone;
    return Promise.resolve();
  }

  incrementFavoriteEmojiCount(unicode: string): Promise<void> {
    this.favourites.set(unicode, (this.favourites.get(unicode) ?? 0) + 1);
    return Promise.resolve();
  }

  async getTopFavoriteEmoji(limit: number): Promise<NativeEmoji[]> {
    const picked = [...this.favourites].sort((a, b) => b[1] - a[1]).map(([unicode]) => unicode);
    const found: NativeEmoji[] = [];
    for (const unicode of new Set([...picked, ...STARTING_FAVOURITES])) {
      const emoji = await this.getEmojiByUnicodeOrName(unicode);
      if (emoji) found.push(emoji);
      if (found.length === limit) break;
    }
    return found;
  }
}

let database: BundledEmojiDatabase | undefined;

/** A new `<emoji-picker>` on the bundled emoji, its words in `i18n` (English without). */
export function createEmojiPicker(i18n?: I18n): Picker {
  database ??= new BundledEmojiDatabase();
  // The constructor takes a database as any other property, though its typings leave it out.
  const options = { database, locale: database.locale, dataSource: database.dataSource } as object;
  const picker = new Picker({ ...options, emojiVersion: BUNDLED_EMOJI_VERSION, ...(i18n ? { i18n } : {}) });
  return picker;
}

/** The picker's words in Arabic, fetched with the picker when the element speaks Arabic. */
export async function arabicPickerWords(): Promise<I18n> {
  return (await import('emoji-picker-element/i18n/ar.js')).default;
}
