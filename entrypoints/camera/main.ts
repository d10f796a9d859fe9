import '../../components/theme.css';
import { cameraTrouble } from '../../lib/scan/camera';

// Asks for the camera once, on an extension page in a tab (the side panel cannot show the
// browser's prompt); the grant belongs to the extension, so the side panel's camera works after.

const status = document.querySelector<HTMLElement>('#status');
const allow = document.querySelector<HTMLButtonElement>('#allow');

function say(text: string) {
  if (status) status.textContent = text;
}

allow?.addEventListener('click', () => {
  say('Waiting for the browser’s question…');
  navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(
    (stream) => {
      stream.getTracks().forEach((track) => track.stop());
      say('The camera is allowed. Go back to the side panel and press “Try again”. You can close this tab.');
      if (allow) allow.disabled = true;
    },
    (error: unknown) => {
      const trouble = cameraTrouble(error);
      say(
        trouble.kind === 'blocked'
          ? 'The camera was not allowed. To change that, open the site settings from the icon at the left of the address bar and allow the camera.'
          : trouble.message,
      );
    },
  );
});
