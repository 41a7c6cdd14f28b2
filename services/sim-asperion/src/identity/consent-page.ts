import type { User } from '../domain/model.js';

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * A minimal stand-in for Asperion's login + consent screen, so a sandbox user can click through
 * the authorization code flow (notes §1.1). Posts to `{action}` with the original parameters.
 */
export function renderConsentPage(
  action: string,
  clientId: string,
  params: Record<string, string>,
  users: User[],
): string {
  const hidden = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const options = users
    .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.username)}</option>`)
    .join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Asperion (simulator) - inloggen</title></head>
<body><h1>Asperion simulator</h1><p>Applicatie <b>${escapeHtml(clientId)}</b> vraagt toegang tot uw administraties.</p>
<form method="post" action="${escapeHtml(action)}">${hidden}<label>Gebruiker <select name="user_id">${options}</select></label>
<button name="decision" value="approve" type="submit">Toestaan</button>
<button name="decision" value="deny" type="submit">Weigeren</button></form></body></html>`;
}
