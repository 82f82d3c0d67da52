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
  sound: boolean;
  onClick(): void;
}

export function notify(notice: NewMessageNotice): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const notification = new Notification(notice.title, { body: notice.body, tag: notice.tag });
  notification.addEventListener('click', () => {
    window.focus();
    notice.onClick();
    notification.close();
  });
  if (notice.sound) chime();
}

/** A short two-tone chime made on the spot, so no audio file has to be fetched or allowed by a CSP. */
function chime(): void {
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch {
    return;
  }
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
    if (index === 1) tone.addEventListener('ended', () => void context.close());
  });
}
