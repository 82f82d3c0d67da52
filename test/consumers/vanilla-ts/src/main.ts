import 'inbox-elements/channel-connect';
import type { ChannelType } from 'inbox-elements';

// The backend comes from the address, e.g. ?baseUrl=http://localhost:8787&apiKey=demo (`npm run sandbox`).
const params = new URLSearchParams(location.search);
const connect = document.querySelector('channel-connect')!;
const offerInstagram = document.querySelector<HTMLInputElement>('#offer-instagram')!;
const step = document.querySelector<HTMLElement>('#step')!;
const linked = document.querySelector<HTMLUListElement>('#linked')!;

connect.baseUrl = params.get('baseUrl') ?? 'http://localhost:8787';
connect.apiKey = params.get('apiKey') ?? 'demo';

function offerChannels(): void {
  const channels: ChannelType[] = offerInstagram.checked
    ? ['whatsapp', 'telegram', 'instagram']
    : ['whatsapp', 'telegram'];
  connect.channels = channels;
}
offerInstagram.addEventListener('change', offerChannels);
offerChannels();

connect.addEventListener('inbox-step-change', (event) => {
  step.textContent = `Step: ${event.detail.step}`;
});
connect.addEventListener('inbox-connected', (event) => {
  const item = document.createElement('li');
  item.textContent = `${event.detail.channel.type}: ${event.detail.channel.username}`;
  linked.append(item);
});
