import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { CAPTURE_KEYS, shortcutFor, shortcuts } from '../../lib/shortcuts';
import { useCaptureShortcut } from './capture/useCaptureShortcut';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Listens for the panel's shortcuts (see lib/shortcuts.ts) while the panel is open. A shortcut with
 * a handler runs it; the others press the button, or focus the field, marked `data-shortcut`.
 */
export function useKeyboardShortcuts(handlers: Readonly<Record<string, () => void>>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const keys = shortcutFor(event, isTyping(event.target));
      if (!keys) return;
      const handler = handlers[keys];
      if (handler) {
        event.preventDefault();
        handler();
        return;
      }
      if (keys === 'Ctrl+Enter') {
        const form = event.target instanceof Element ? event.target.closest('form') : null;
        const target = form ?? document.querySelector<HTMLFormElement>('form[data-shortcut="Ctrl+Enter"]');
        if (!target) return;
        event.preventDefault();
        target.requestSubmit();
        return;
      }
      const element = document.querySelector<HTMLElement>(`[data-shortcut="${keys}"]`);
      if (!element) return;
      event.preventDefault();
      if (element instanceof HTMLButtonElement) element.click();
      else element.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [handlers]);
}

/**
 * Applies a handler's state changes at once, then focuses the element marked
 * `data-shortcut="<keys>"`: the keys typed right after the shortcut land in that field.
 */
export function showThenFocus(keys: string, change: () => void): void {
  flushSync(change);
  document.querySelector<HTMLElement>(`[data-shortcut="${keys}"]`)?.focus();
}

/** The shortcuts, listed in the panel. */
export function ShortcutList() {
  // The browser's own shortcut is shown as the browser has it: the rep may have changed or unset it.
  const capture = useCaptureShortcut();
  return (
    <details className="shortcuts">
      <summary>Keyboard shortcuts</summary>
      <dl>
        {shortcuts.map(({ keys, does }) => {
          const shown = keys === CAPTURE_KEYS && capture !== undefined ? capture : keys;
          return (
            <div key={keys}>
              <dt>{shown ? <kbd>{shown}</kbd> : 'No keys set'}</dt>
              <dd>{does}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
