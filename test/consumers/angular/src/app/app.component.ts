import { Component, CUSTOM_ELEMENTS_SCHEMA, computed, signal } from '@angular/core';
import 'inbox-elements/channel-connect';
import type { Channel, ChannelType, ConnectStep } from 'inbox-elements';

// The backend comes from the address, e.g. ?baseUrl=http://localhost:8787&apiKey=demo (`npm run sandbox`).
const params = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  // Angular binds `[name]` on an element it does not know as a property, and `(name)` as an event listener.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>inbox-elements in Angular (from the tarball)</h1>
      <label>
        <input type="checkbox" [checked]="offerInstagram()" (change)="onOfferChange($event)" />
        Offer Instagram too
      </label>
      <p id="step">Step: {{ step() }}</p>
      <h2>Linked here</h2>
      <ul id="linked">
        @for (channel of linked(); track channel.id) {
          <li>{{ channel.type }}: {{ channel.username }}</li>
        }
      </ul>
      <channel-connect
        [baseUrl]="baseUrl"
        [apiKey]="apiKey"
        [channels]="channels()"
        (inbox-step-change)="onStepChange($event)"
        (inbox-connected)="onConnected($event)"
      ></channel-connect>
    </main>
  `,
})
export class AppComponent {
  readonly baseUrl = params.get('baseUrl') ?? 'http://localhost:8787';
  readonly apiKey = params.get('apiKey') ?? 'demo';
  readonly offerInstagram = signal(false);
  readonly step = signal<ConnectStep>('pick');
  readonly linked = signal<Channel[]>([]);
  readonly channels = computed<ChannelType[]>(() =>
    this.offerInstagram() ? ['whatsapp', 'telegram', 'instagram'] : ['whatsapp', 'telegram'],
  );

  onOfferChange(event: Event): void {
    this.offerInstagram.set((event.target as HTMLInputElement).checked);
  }

  // Angular types `$event` of an element it does not know as a plain Event; the map names the real one.
  onStepChange(event: Event): void {
    this.step.set((event as GlobalEventHandlersEventMap['inbox-step-change']).detail.step);
  }

  onConnected(event: Event): void {
    const { channel } = (event as GlobalEventHandlersEventMap['inbox-connected']).detail;
    this.linked.update((linked) => [...linked, channel]);
  }
}
