import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { CrmSettingsForm } from './CrmSettingsForm';
import { createQueryClient } from '../../components/queryClient';

const queryClient = createQueryClient();
// Below the CRM's settings, and rarely changed: loaded after the page has shown.
const CurrencySettings = lazy(() => import('./CurrencySettings').then((module) => ({ default: module.CurrencySettings })));
const CardLanguageSettings = lazy(() => import('./CardLanguageSettings').then((module) => ({ default: module.CardLanguageSettings })));
const ReminderSettings = lazy(() => import('./ReminderSettings').then((module) => ({ default: module.ReminderSettings })));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <main className="options">
        <h1>Fieldclip settings</h1>
        <section>
          <h2>Where your leads go</h2>
          <p className="lede">Pick your CRM and where to reach it. Until a sync succeeds they wait safely in the outbox on this computer.</p>
          <CrmSettingsForm />
        </section>
        <section>
          <h2>Opportunity size</h2>
          <Suspense fallback={null}>
            <CurrencySettings />
          </Suspense>
        </section>
        <section>
          <h2>Scanning business cards</h2>
          <Suspense fallback={null}>
            <CardLanguageSettings />
          </Suspense>
        </section>
        <section>
          <h2>End-of-day reminder</h2>
          <Suspense fallback={null}>
            <ReminderSettings />
          </Suspense>
        </section>
      </main>
    </QueryClientProvider>
  );
}
