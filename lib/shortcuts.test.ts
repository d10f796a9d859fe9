import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const press = (key: string, code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  key, code, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods,
});

describe('shortcutFor', () => {
  it('reads Alt+letter by the physical key, whatever the layout types', () => {
    expect(shortcutFor(press('r', 'KeyR', { altKey: true }), true)).toBe('Alt+R');
    expect(shortcutFor(press('®', 'KeyR', { altKey: true }), false)).toBe('Alt+R');
    expect(shortcutFor(press('s', 'KeyS', { altKey: true }), false)).toBe('Alt+S');
  });

  it('ignores keys that are not shortcuts, and leaves the browser its own', () => {
    expect(shortcutFor(press('q', 'KeyQ', { altKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('r', 'KeyR', { altKey: true, ctrlKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('F', 'KeyF', { altKey: true, shiftKey: true }), false)).toBeUndefined();
    expect(shortcutFor(press('r', 'KeyR'), false)).toBeUndefined();
  });

  it('takes "/" only outside text fields, and Ctrl or Cmd+Enter anywhere', () => {
    expect(shortcutFor(press('/', 'Slash'), false)).toBe('/');
    expect(shortcutFor(press('/', 'Slash'), true)).toBeUndefined();
    expect(shortcutFor(press('Enter', 'Enter', { ctrlKey: true }), true)).toBe('Ctrl+Enter');
    expect(shortcutFor(press('Enter', 'Enter', { metaKey: true }), true)).toBe('Ctrl+Enter');
    expect(shortcutFor(press('Enter', 'Enter'), true)).toBeUndefined();
  });
});
