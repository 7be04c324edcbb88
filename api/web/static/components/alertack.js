// The form that acknowledges a spike alert with a note (acknowledgeAlert, audited), shared by the
// supervision page and the analyst's dashboard: the two pages carried near-copies of the form and
// its handler (session 25 walk).

import { gql } from '../core/api.js';
import { html, $, $$ } from '../core/dom.js';
import { t, partyName } from '../core/i18n.js';
import { state } from '../core/state.js';
import { fmtDateTime } from '../core/format.js';
import { run } from '../core/router.js';
import { errorText } from './field.js';
import { toast } from './announcer.js';

// ackForm is the form for the open alert a: a note (optional) and the button.
export function ackForm(a) {
  const who = partyName(a.institutionName, a.institution);
  return html`<form class="ack-form inline" data-id="${a.id}" aria-label="${t(`确认预警：${who}`, `Acknowledge the alert on ${who}`)}">
    <label for="ack-${a.id}" class="visually-hidden">${t('处理说明', 'Note')}</label>
    <input id="ack-${a.id}" name="note" maxlength="2000" placeholder="${t('处理说明（选填）', 'Note (optional)')}">
    <button class="btn" type="submit">${t('确认', 'Acknowledge')}</button></form>`;
}

// bindAckForms wires the ack forms under root: each acknowledges its alert and draws the page
// again. The first acknowledgement stands (the server keeps it and drops a later note), so an
// alert someone else acknowledged meanwhile says so, and that the note was not kept, instead of
// "预警已确认" over a note that went nowhere.
export function bindAckForms(root = document) {
  $$('.ack-form', root).forEach((form) => form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = $('button', form);
    const note = form.note.value.trim();
    btn.disabled = true;
    try {
      const a = (await gql('mutation($id: ID!, $n: String) { acknowledgeAlert(id: $id, note: $n) { id acknowledgedAt acknowledgedBy note } }',
        { id: form.dataset.id, n: note || null })).acknowledgeAlert;
      await run();
      if (a.acknowledgedBy && state.me && String(a.acknowledgedBy) !== String(state.me.id)) {
        const when = fmtDateTime(a.acknowledgedAt);
        toast(note ? t(`该预警已由他人于 ${when} 确认，您的处理说明未保存`, `Someone else acknowledged this alert on ${when}; your note was not saved`)
          : t(`该预警已由他人于 ${when} 确认`, `Someone else acknowledged this alert on ${when}`), 'warn');
      } else {
        toast(t('预警已确认', 'Alert acknowledged'));
      }
    } catch (e) {
      btn.disabled = false;
      toast(errorText((e.errors || [])[0] || e), 'danger');
    }
  }));
}
