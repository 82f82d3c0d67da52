/**
 * The browser notification and chime for a message that arrives while the page is hidden. Loaded with
 * `import()` the first time the user turns notifications on: pages that never do skip it.
 */

export type NotificationPermissionResult = 'granted' | 'denied' | 'unsupported';

/** Asks the browser, once the user turned notifications on; a choice the user made before is kept. */
export async function requestNotifications(): Promise<NotificationPermissionResult> {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission =
    Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  return permission === 'granted' ? 'granted' : 'denied';
}

export interface NewMessageNotice {
  title: string;
  body: string;
  /** One notification per conversation: a newer message replaces the older one's. */
  tag: string;
  onClick(): void;
}

/** Shows `notice`; the notification shown, for its owner to close, or `undefined` when not allowed. */
export function notify(notice: NewMessageNotice): Notification | undefined {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return undefined;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.addEventListener('click', () => {
    window.focus();
    notice.onClick();
    notification.close();
  });
  return notification;
}

/**
 * The audio context of the chime, made while the user's click turns notifications on: a page may only
 * start audio after a gesture. `undefined` where the browser has none.
 */
export function createChimeContext(): AudioContext | undefined {
  try {
    return new AudioContext();
  } catch {
    return undefined;
  }
}

/** A short two-tone chime made on the spot, so no audio file has to be fetched or allowed by a CSP. */
export function chime(context: AudioContext): void {
  const gain = context.createGain();
  gain.connect(context.destination);
  gain.gain.setValueAtTime(0.08, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.35);
  [880, 1320].forEach((frequency, index) => {
    const tone = context.createOscillator();
    tone.frequency.value = frequency;
    tone.connect(gain);
    tone.start(context.currentTime + index * 0.12);
    tone.stop(context.currentTime + 0.35);
  });
}
