import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { CaptureForm } from '../../components/CaptureForm';
import { EventMode } from '../../components/EventMode';
import { ImportExport } from '../../components/ImportExport';
import { MultiCapture } from '../../components/MultiCapture';
import { OutboxList } from '../../components/OutboxList';
import { SyncBar } from '../../components/SyncBar';
import { SyncLog } from '../../components/SyncLog';

const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });

export function App() {
  const [flow, setFlow] = useState<'referral' | 'prospecting-at-close' | null>(null);
  return (
    <QueryClientProvider client={queryClient}>
      <main className="panel">
        <header className="panel__header">
          <h1>Fieldclip</h1>
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Settings
          </button>
        </header>
        <SyncBar />
        <EventMode />
        <div className="flows">
          <button type="button" onClick={() => setFlow('referral')} aria-pressed={flow === 'referral'}>
            Log referral
          </button>
          <button type="button" onClick={() => setFlow('prospecting-at-close')} aria-pressed={flow === 'prospecting-at-close'}>
            Ask at close
          </button>
        </div>
        {flow && <MultiCapture key={flow} kind={flow} onDone={() => setFlow(null)} />}
        <section aria-labelledby="capture-heading" hidden={flow !== null}>
          <h2 id="capture-heading">New lead</h2>
          <CaptureForm />
        </section>
        <OutboxList />
        <ImportExport />
        <SyncLog />
      </main>
    </QueryClientProvider>
  );
}
