import { sendMouse } from '@web/test-runner-commands';
import { waitUntil } from './async.js';

/** A 440 Hz tone as a microphone would give it, and the audio clock that drives it. */
export interface Tone {
  stream: MediaStream;
  context: AudioContext;
}

/**
 * Starts a tone. The page gets a real click first, since Chromium keeps an AudioContext made without one
 * suspended, and a suspended one gives a recorder nothing.
 */
export async function startTone(): Promise<Tone> {
  const button = document.createElement('button');
  button.textContent = 'start the tone';
  button.style.cssText = 'position: fixed; inset: 0 auto auto 0; inline-size: 40px; block-size: 40px';
  document.body.append(button);
  const clicked = new Promise((resolve) => button.addEventListener('click', resolve, { once: true }));
  await sendMouse({ type: 'click', position: [10, 10] });
  await clicked;
  button.remove();
  const context = new AudioContext();
  await context.resume();
  const oscillator = context.createOscillator();
  oscillator.frequency.value = 440;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  return { stream: destination.stream, context };
}

/** Waits until the tone has played `seconds` more, by its own clock: no fixed wait. */
export async function toneFor(tone: Tone, seconds: number): Promise<void> {
  const until = tone.context.currentTime + seconds;
  await waitUntil(() => tone.context.currentTime >= until, `the tone did not play for ${seconds} s`, {
    timeout: 30_000,
  });
}

/** The loudest sample of a decoded recording. */
export function peakOf(buffer: AudioBuffer): number {
  let peak = 0;
  for (const sample of buffer.getChannelData(0)) peak = Math.max(peak, Math.abs(sample));
  return peak;
}
