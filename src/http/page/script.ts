import { PAGE } from '../../domain/glossary.js';

/** The re-run outcomes as a JSON object literal safe inside a <script> element. */
const TEXTS = JSON.stringify(PAGE.rerunOutcome).replace(/</g, '\\u003c');

/**
 * The status page's only script (served inline with a CSP nonce): each re-run button POSTs to its
 * `data-url` with the page's CSRF token and writes the outcome into its live region, without a
 * reload. Text is set with textContent, never as markup; the words come from the glossary, and
 * no job id or server message is shown.
 */
export const RERUN_SCRIPT = `
(() => {
  const texts = ${TEXTS};
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const show = (output, state, text) => { output.dataset.state = state; output.textContent = text; };
  for (const button of document.querySelectorAll('button[data-rerun-url]')) {
    const output = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    button.addEventListener('click', async () => {
      if (!output || button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      show(output, 'pending', texts.sending);
      try {
        const response = await fetch(button.dataset.rerunUrl, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' } });
        const body = await response.json().catch(() => ({}));
        if (response.status === 202) show(output, 'queued', texts.queued);
        else if (response.ok && body.existing) show(output, 'existing', texts.existing);
        else if (response.status === 404) show(output, 'error', texts.notFound);
        else if (response.status === 409) show(output, 'error', texts.nothingPulled);
        else show(output, 'error', texts.failed);
      } catch {
        show(output, 'error', texts.network);
      } finally {
        button.removeAttribute('aria-disabled');
      }
    });
  }
})();
`;
