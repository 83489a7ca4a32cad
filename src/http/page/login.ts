import { html } from '../../report/html/escape.js';
import { pageShell } from './render.js';

/**
 * The login form: the person pastes ADMIN_TOKEN, `POST /login` sets the session cookie. The token
 * field is a password field, so the browser does not show or keep it in history. Pure.
 */
export function renderLoginPage(input: { nonce: string; error?: string }): string {
  const error = input.error ? html`<p class="problem" role="alert">${input.error}</p>` : '';
  const body = html`<h2>Logga in</h2>
<p>Statussidan och rapporterna kräver administratörstoken (ADMIN_TOKEN).</p>${error}
<form method="post" action="/login" class="year-form">
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit" class="btn">Logga in</button>
</form>`;
  return pageShell({ title: 'Logga in – stratsys-sync', nonce: input.nonce, bar: html`<h1>Stratsys-sync</h1>`, body });
}
