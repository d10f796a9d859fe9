import { defineBackground } from 'wxt/utils/define-background';
import { setUpCaptureTriggers } from '../lib/capture/setup';
import { setUpTrustedStorage } from '../lib/crm/stored-settings';
import { setUpCrmLookups } from '../lib/lookup/setup';
import { setUpReminder } from '../lib/reminder/alarm';
import { openPanelFromNotification, setUpSidePanel } from '../lib/side-panel';
import { setUpSync } from '../lib/sync/setup';

export default defineBackground(() => {
  setUpTrustedStorage();
  setUpSidePanel();
  setUpCaptureTriggers();
  setUpSync();
  setUpCrmLookups();
  setUpReminder(openPanelFromNotification);
});
