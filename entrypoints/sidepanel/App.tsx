import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { browser } from 'wxt/browser';
import { CaptureForm } from './capture/CaptureForm';
import { EventMode } from './capture/EventMode';
import { ImportExport } from './outbox/ImportExport';
import { showThenFocus, ShortcutList, useKeyboardShortcuts } from './KeyboardShortcuts';
import { OutboxList } from './outbox/OutboxList';
import { createQueryClient } from '../../components/queryClient';
import { SyncBar } from './sync/SyncBar';
import { SyncLog } from './sync/SyncLog';

// Loaded when the rep first opens the Today tab.
const TodayView = lazy(() => import('./today/TodayView').then((module) => ({ default: module.TodayView })));
// Loaded when the rep first opens the Results tab.
const ResultsView = lazy(() => import('./results/ResultsView').then((module) => ({ default: module.ResultsView })));

// The referral and ask-at-close flows: loaded just after the panel's first paint, so that Alt+R and
// Alt+C open them at once, field focused; pressed sooner, they open when loaded.
let multiCapture: typeof import('./capture/MultiCapture') | undefined;
const loadMultiCapture = () => import('./capture/MultiCapture').then((module) => (multiCapture = module));
const LazyMultiCapture = lazy(() => loadMultiCapture().then((module) => ({ default: module.MultiCapture })));

type FlowProps = { kind: Exclude<Flow, null>; onDone: () => void };

/** Focuses the flow's first field once it is shown, when it was still loading as the shortcut was pressed. */
function FocusWhenShown({ keys }: { keys: string }) {
  useEffect(() => document.querySelector<HTMLElement>(`[data-shortcut="${keys}"]`)?.focus(), [keys]);
  return null;
}

function MultiCaptureFlow({ kind, onDone }: FlowProps) {
  const Loaded = multiCapture?.MultiCapture;
  if (Loaded) return <Loaded kind={kind} onDone={onDone} />;
  return (
    <Suspense fallback={<p className="empty">Loading…</p>}>
      <LazyMultiCapture kind={kind} onDone={onDone} />
      <FocusWhenShown keys={kind === 'referral' ? 'Alt+R' : 'Alt+C'} />
    </Suspense>
  );
}

const queryClient = createQueryClient();

const tabs = ['capture', 'today', 'results'] as const;
type Tab = (typeof tabs)[number];
type Flow = 'referral' | 'prospecting-at-close' | null;

export function App() {
  const [tab, setTab] = useState<Tab>('capture');
  const [flow, setFlow] = useState<Flow>(null);
  const shortcuts = useMemo(() => {
    const open = (keys: string, next: Flow) => () =>
      showThenFocus(keys, () => {
        setTab('capture');
        setFlow(next);
      });
    return {
      'Alt+N': open('Alt+N', null),
      'Alt+R': open('Alt+R', 'referral'),
      'Alt+C': open('Alt+C', 'prospecting-at-close'),
      '/': () => showThenFocus('/', () => setTab('capture')),
      'Alt+T': () => {
        flushSync(() => setTab('today'));
        // Focus goes with the tab: left on a field of the hidden Capture tab, it would take the next
        // key as typing (until the browser gets round to dropping it) and swallow a shortcut.
        document.getElementById('tab-today')?.focus();
      },
    };
  }, []);
  useKeyboardShortcuts(shortcuts);
  useEffect(() => {
    const preload = setTimeout(() => void loadMultiCapture(), 0);
    return () => clearTimeout(preload);
  }, []);

  const tabProps = (id: Tab, label: string, keys?: string) => (
    <button
      type="button"
      role="tab"
      id={`tab-${id}`}
      aria-controls={`tabpanel-${id}`}
      aria-selected={tab === id}
      tabIndex={tab === id ? 0 : -1}
      aria-keyshortcuts={keys}
      onClick={() => setTab(id)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          const step = event.key === 'ArrowRight' ? 1 : tabs.length - 1;
          const next = tabs[(tabs.indexOf(id) + step) % tabs.length]!;
          setTab(next);
          document.getElementById(`tab-${next}`)?.focus();
        }
      }}
    >
      {label}
    </button>
  );

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
        <div className="tabs" role="tablist" aria-label="Views">
          {tabProps('capture', 'Capture', 'Alt+N')}
          {tabProps('today', 'Today', 'Alt+T')}
          {tabProps('results', 'Results')}
        </div>
        <div role="tabpanel" id="tabpanel-capture" aria-labelledby="tab-capture" hidden={tab !== 'capture'}>
          <div className="flows">
            <button type="button" onClick={() => setFlow('referral')} aria-pressed={flow === 'referral'} aria-keyshortcuts="Alt+R">
              Log referral
            </button>
            <button type="button" onClick={() => setFlow('prospecting-at-close')} aria-pressed={flow === 'prospecting-at-close'} aria-keyshortcuts="Alt+C">
              Ask at close
            </button>
          </div>
          {flow && <MultiCaptureFlow key={flow} kind={flow} onDone={() => setFlow(null)} />}
          <section aria-labelledby="capture-heading" hidden={flow !== null}>
            <h2 id="capture-heading">New lead</h2>
            <CaptureForm />
          </section>
          <OutboxList shown={tab === 'capture'} />
          <ImportExport />
          <SyncLog />
        </div>
        <div role="tabpanel" id="tabpanel-today" aria-labelledby="tab-today" hidden={tab !== 'today'}>
          {tab === 'today' && (
            <Suspense fallback={<p className="empty">Loading…</p>}>
              <TodayView />
            </Suspense>
          )}
        </div>
        <div role="tabpanel" id="tabpanel-results" aria-labelledby="tab-results" hidden={tab !== 'results'}>
          {tab === 'results' && (
            <Suspense fallback={<p className="empty">Loading…</p>}>
              <ResultsView />
            </Suspense>
          )}
        </div>
        <ShortcutList />
      </main>
    </QueryClientProvider>
  );
}
