import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureShortcut } from './command';

afterEach(() => vi.restoreAllMocks());

describe('the capture shortcut', () => {
  it('is the keys the browser has for the capture command now', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([
      { name: '_execute_action', shortcut: 'Alt+Shift+A' },
      { name: 'capture-page', shortcut: 'Ctrl+Shift+Y', description: 'Capture the prospect on this page' },
    ]);
    expect(await captureShortcut()).toBe('Ctrl+Shift+Y');
  });

  it('is empty when the rep or the browser left it unset', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([{ name: 'capture-page', shortcut: '' }]);
    expect(await captureShortcut()).toBe('');
    vi.spyOn(fakeBrowser.commands, 'getAll').mockResolvedValue([{ name: 'capture-page' }]);
    expect(await captureShortcut()).toBe('');
  });

  it('is empty where the browser has no commands API', async () => {
    vi.spyOn(fakeBrowser.commands, 'getAll').mockRejectedValue(new Error('commands is not available here'));
    expect(await captureShortcut()).toBe('');
  });
});
