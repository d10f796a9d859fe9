import { defineBackground } from 'wxt/utils/define-background';
import { setUpCaptureTriggers } from '../lib/capture/setup';
import { setUpTrustedStorage } from '../lib/crm/stored-settings';
import { setUpCrmLookups } from '../lib/lookup/setup';
import { setUpOutcomes } from '../lib/outcomes/setup';
import { setUpReminder } from '../lib/reminder/alarm';
import { openPanelFromNotification, setUpSidePanel } from '../lib/side-panel';
import { setUpSync } from '../lib/sync/setup';

export default defineBackground(() => {
  setUpTrustedStorage();
  setUpSidePanel();
  setUpCaptureTriggers();
  setUpSync();
  setUpCrmLookups();
  setUpOutcomes();
  setUpReminder(openPanelFromNotification);
});
