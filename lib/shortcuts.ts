// The side panel's keyboard shortcuts: one list, used both to handle the keys and to show them.
// A shortcut acts on the element marked `data-shortcut="<keys>"`: a field gets the focus, a
// button is pressed. Alt+letter shortcuts match the physical key, so they work on any layout
// (and on a Mac, where Option+letter types a symbol).

export type Shortcut = { keys: string; does: string };

/** The browser's shortcut (the manifest's command, suggested keys), not the panel's: it works on any page. */
export const CAPTURE_KEYS = 'Alt+Shift+F';

export const shortcuts: readonly Shortcut[] = [
  { keys: CAPTURE_KEYS, does: 'Capture from the page in front of you (works anywhere in the browser)' },
  { keys: 'Alt+N', does: 'New lead: go to its first field' },
  { keys: 'Ctrl+Enter', does: 'Save the form you are in' },
  { keys: 'Alt+R', does: 'Log referral' },
  { keys: 'Alt+C', does: 'Ask at close' },
  { keys: 'Alt+S', does: 'Sync now' },
  { keys: '/', does: 'Search the outbox' },
  { keys: 'Alt+T', does: 'Today’s numbers' },
  { keys: 'Escape', does: 'Close a dialog' },
];

type Keys = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** The shortcut a key press means, if any. `typing` is true when the focus is in a text field. */
export function shortcutFor(event: Keys, typing: boolean): string | undefined {
  if (event.key === '/' && !typing && !event.altKey && !event.ctrlKey && !event.metaKey) return '/';
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) return 'Ctrl+Enter';
  if (!event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const letter = /^Key([A-Z])$/.exec(event.code)?.[1];
  if (!letter) return undefined;
  const keys = `Alt+${event.shiftKey ? 'Shift+' : ''}${letter}`;
  return shortcuts.some((shortcut) => shortcut.keys === keys) && keys !== CAPTURE_KEYS ? keys : undefined;
}
