import { html, mount } from '../core/dom.js';
import { t } from '../core/i18n.js';

export async function check({ main }) {
  mount(main, html`<section class="card"><h1 tabindex="-1">${t('即将上线', 'Coming soon')}</h1></section>`);
}
