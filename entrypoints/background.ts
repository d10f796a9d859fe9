import { defineBackground } from 'wxt/utils/define-background';
import { setUpCaptureTriggers } from '../lib/capture/setup';
import { setUpReminder } from '../lib/reminder/alarm';
import { openPanelFromNotification, setUpSidePanel } from '../lib/side-panel';
import { setUpSync } from '../lib/sync/setup';

export default defineBackground(() => {
  setUpSidePanel();
  setUpCaptureTriggers();
  setUpSync();
  setUpReminder(openPanelFromNotification);
});
