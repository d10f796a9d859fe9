import { browser } from 'wxt/browser';

/** The manifest's command that captures from the page (suggested keys: Alt+Shift+F). */
export const CAPTURE_COMMAND = 'capture-page';

/**
 * The keys that capture from a page, as the browser has them now: the rep can change them
 * (chrome://extensions/shortcuts, Firefox's add-on manager), and a browser leaves a suggested key
 * unset when something else has it. '' when none is set.
 */
export async function captureShortcut(): Promise<string> {
  try {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === CAPTURE_COMMAND)?.shortcut ?? '';
  } catch {
    // No commands API here: nothing to tell the rep but the context menu.
    return '';
  }
}
