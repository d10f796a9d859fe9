import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { CaptureForm } from '../../components/CaptureForm';
import { EventMode } from '../../components/EventMode';
import { ImportExport } from '../../components/ImportExport';
import { OutboxList } from '../../components/OutboxList';
import { SyncBar } from '../../components/SyncBar';
import { SyncLog } from '../../components/SyncLog';

const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });

export function App() {
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
        <section aria-labelledby="capture-heading">
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
