import { PAGE } from '../../domain/glossary.js';
import { html } from '../../report/html/escape.js';
import { pageShell } from './render.js';

/**
 * The login form: the person pastes ADMIN_TOKEN, `POST /login` sets the session cookie. The token
 * field is a password field, so the browser does not show or keep it in history. Pure.
 */
export function renderLoginPage(input: { nonce: string; error?: string }): string {
  const error = input.error ? html`<p class="problem" role="alert">${input.error}</p>` : '';
  const { login } = PAGE;
  const body = html`<h2>${login.heading}</h2>
<p>${login.intro}</p>${error}
<form method="post" action="/login" class="year-form">
<label for="token">${login.token}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit" class="btn">${login.submit}</button>
</form>`;
  return pageShell({ title: login.title, nonce: input.nonce, bar: html`<h1>Stratsys-sync</h1>`, body });
}
