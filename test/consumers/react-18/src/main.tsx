import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChannelConnect } from 'inbox-elements/react/channel-connect';
import type { Channel, ChannelType, ConnectStep } from 'inbox-elements';

// The backend comes from the address, e.g. ?baseUrl=http://localhost:8787&apiKey=demo (`npm run sandbox`).
const params = new URLSearchParams(location.search);
const baseUrl = params.get('baseUrl') ?? 'http://localhost:8787';
const apiKey = params.get('apiKey') ?? 'demo';

function App() {
  const [offerInstagram, setOfferInstagram] = useState(false);
  const [step, setStep] = useState<ConnectStep>('pick');
  const [linked, setLinked] = useState<Channel[]>([]);
  const channels: ChannelType[] = offerInstagram
    ? ['whatsapp', 'telegram', 'instagram']
    : ['whatsapp', 'telegram'];

  return (
    <main>
      <h1>inbox-elements in React 18 (from the tarball)</h1>
      <label>
        <input
          type="checkbox"
          checked={offerInstagram}
          onChange={(event) => setOfferInstagram(event.target.checked)}
        />
        Offer Instagram too
      </label>
      <p id="step">Step: {step}</p>
      <h2>Linked here</h2>
      <ul id="linked">
        {linked.map((channel) => (
          <li key={channel.id}>
            {channel.type}: {channel.username}
          </li>
        ))}
      </ul>
      <ChannelConnect
        baseUrl={baseUrl}
        apiKey={apiKey}
        channels={channels}
        onInboxStepChange={(event) => setStep(event.detail.step)}
        onInboxConnected={(event) => setLinked((previous) => [...previous, event.detail.channel])}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
