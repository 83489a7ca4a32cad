/**
 * The status page's only script (served inline with a CSP nonce): each re-run button POSTs to its
 * `data-url` with the page's CSRF token and writes the outcome into its live region, without a
 * reload. Text is set with textContent, never as markup.
 */
export const RERUN_SCRIPT = `
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  const show = (output, state, text) => { output.dataset.state = state; output.textContent = text; };
  for (const button of document.querySelectorAll('button[data-rerun-url]')) {
    const output = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    button.addEventListener('click', async () => {
      if (!output || button.getAttribute('aria-disabled') === 'true') return;
      button.setAttribute('aria-disabled', 'true');
      show(output, 'pending', '… Skickar');
      try {
        const response = await fetch(button.dataset.rerunUrl, { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' } });
        const body = await response.json().catch(() => ({}));
        if (response.status === 202) show(output, 'queued', '✓ Köad (jobb ' + body.jobId + ')');
        else if (response.ok && body.existing) show(output, 'existing', '… Redan köad (jobb ' + body.jobId + ')');
        else show(output, 'error', '✗ Fel ' + response.status + ': ' + (body.message ?? response.statusText));
      } catch (error) {
        show(output, 'error', '✗ Nätverksfel: ' + (error instanceof Error ? error.message : String(error)));
      } finally {
        button.removeAttribute('aria-disabled');
      }
    });
  }
})();
`;
