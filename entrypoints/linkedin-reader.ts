import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readLinkedinPage } from '../lib/extract/linkedin-page';

/**
 * Put into a LinkedIn profile or company page when the rep captures it (lib/capture/capture-page.ts):
 * runs the LinkedIn readers where the page is and sends back what they found (or null when the page
 * is no longer one). It reads; it changes nothing and sends nothing anywhere else.
 */
export default defineUnlistedScript(() => readLinkedinPage(document, location.href));
