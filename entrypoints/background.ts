import { defineBackground } from 'wxt/utils/define-background';
import { setUpSidePanel } from '../lib/side-panel';
import { setUpSyncMessages } from '../lib/sync/setup';

export default defineBackground(() => {
  setUpSidePanel();
  setUpSyncMessages();
});
