// Evidence: uploading photos, screenshots and recordings (from the gallery or the camera) with
// progress, and pasting collector messages that analyzeMessages checks as they are typed.

import { gql, upload, download } from '../core/api.js';
import { html, mount, $, $$ } from '../core/dom.js';
import { t, L, instName } from '../core/i18n.js';
import { fmtDateTime, when } from '../core/format.js';
import { vlabel, loadViolationTypes } from '../core/state.js';
import { analysisView } from './violations.js';
import { errorText, invalid } from './field.js';
import { announce } from './announcer.js';

export const KINDS = { IMAGE: ['图片', 'Image'], AUDIO: ['录音', 'Recording'], VIDEO: ['视频', 'Video'], DOCUMENT: ['文件', 'Document'], MESSAGE: ['短信', 'Message'] };

function size(n) {
  if (!n && n !== 0) return '';
  return n > 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} KB`;
}

// uploaderHTML is the file picker of evidence. The complainant's (a phone's gallery, recorder and
// camera) is the default; institution: true is an institution's, for the documents that support
// its answer (contracts and letters as PDF, call recordings, call-log screenshots).
export function uploaderHTML(id = 'evidence', { institution = false } = {}) {
  return html`<div class="uploader" data-field="${id}">
    <p class="hint" id="hint-${id}">${institution
    ? t('可上传支持答复的材料：合同或函件（PDF）、通话录音、通话记录截图（每个文件不超过 50 MB）。材料提交给监管人员；投诉人只知道提交了材料，除非您勾选下方“同时提供给投诉人”。', 'Documents that support the answer: contracts or letters (PDF), call recordings, screenshots of call logs (up to 50 MB each). They go to the regulator; the complainant is only told that documents were submitted, unless you tick "Share with the complainant" below.')
    : t('可上传短信或聊天截图、通话录音、上门照片（每个文件不超过 50 MB）。', 'Screenshots of messages or chats, call recordings, photos of visits (up to 50 MB each).')}</p>
    <div class="upload-buttons">
      <input class="file-input" type="file" id="f-${id}-files" accept="${institution ? 'application/pdf,image/*,audio/*,video/*' : 'image/*,audio/*'}" multiple aria-describedby="hint-${id} err-${id}">
      <label class="btn" for="f-${id}-files">${institution ? t('选择文件（PDF、录音、截图）', 'Choose files (PDF, recordings, screenshots)') : t('选择照片、截图或录音', 'Choose photos, screenshots or recordings')}</label>
      ${institution ? '' : html`<input class="file-input" type="file" id="f-${id}-camera" accept="image/*" capture="environment" aria-describedby="hint-${id}">
      <label class="btn" for="f-${id}-camera">${t('拍照', 'Take a photo')}</label>`}
    </div>
    <ul class="uploads" id="${id}-uploads"></ul>
    <p class="field-error" id="err-${id}" hidden></p>
    ${institution ? html`<label class="check"><input type="checkbox" id="f-${id}-share" name="shareWithComplainant" aria-describedby="hint-${id}-share">
      <span>${t('同时提供给投诉人', 'Share with the complainant')}</span></label>
    <p class="hint" id="hint-${id}-share">${t('适用于投诉人应当看到的材料，如还款计划、终止合作函；投诉人能看到文件名称和类型，并可打开。含他人信息的通话记录请勿勾选。', 'For what the complainant should see, such as a repayment plan or the letter ending an agency\'s contract: they see the file\'s name and kind and may open it. Leave call logs that name other people unticked.')}</p>` : ''}
  </div>`;
}

// attachUploader uploads every chosen file at once and keeps a list of
// {name, size, kind, contentType, token, sha256, progress, error}; onChange gets the list.
export function attachUploader(root, id, items, onChange) {
  const list = $(`#${id}-uploads`, root);
  const draw = () => {
    list.uploads = { items, draw, onChange }; // for the language switch (app.js keptUploads)
    mount(list, items.map((it, i) => html`<li class="upload${it.error ? ' failed' : ''}" data-done="${!!it.token}">
      <span class="u-name">${it.name}</span> <span class="muted small">${size(it.size)}${it.kind ? ` · ${L(KINDS, it.kind)}` : ''}</span>
      ${it.token ? html`<span class="badge tone-ok small">${t('已上传', 'Uploaded')}</span>`
        : it.error ? html`<span class="field-error inline">${it.error}</span>`
          : html`<progress max="100" value="${Math.round((it.progress || 0) * 100)}" aria-label="${t('上传进度', 'Upload progress')} ${it.name}"></progress>`}
      <button type="button" class="link small" data-remove="${i}">${t('移除', 'Remove')}<span class="sr-only"> ${it.name}</span></button>
    </li>`));
    $$('[data-remove]', list).forEach((b) => b.addEventListener('click', () => {
      items.splice(Number(b.dataset.remove), 1);
      draw();
      onChange(items);
    }));
  };
  const pick = async (ev) => {
    const files = Array.from(ev.target.files || []);
    ev.target.value = '';
    for (const f of files) {
      const it = { name: f.name || 'photo', size: f.size, progress: 0 };
      items.push(it);
      draw();
      try {
        const r = await upload(f, (p) => {
          it.progress = p;
          const bar = list.children[items.indexOf(it)]?.querySelector('progress');
          if (bar) bar.value = Math.round(p * 100);
        });
        Object.assign(it, { token: r.uploadToken, sha256: r.sha256, kind: r.kind, contentType: r.contentType, size: r.size });
        announce(t(`${it.name} 已上传`, `${it.name} uploaded`));
      } catch (err) {
        it.error = err.errors ? errorText(err.errors[0]) : String(err);
      }
      draw();
      onChange(items);
    }
  };
  $(`#f-${id}-files`, root).addEventListener('change', pick);
  $(`#f-${id}-camera`, root)?.addEventListener('change', pick);
  draw();
}

// China time for datetime-local values: 2026-01-05T23:10 → 2026-01-05T23:10:00+08:00.
export function cst(local) {
  return local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : '';
}

export function messagesHTML(id = 'messages') {
  return html`<div class="messages" data-field="${id}">
    <p class="hint" id="hint-${id}">${t('把催收短信或微信消息的文字粘贴到这里，每条一框，并填写发送号码和时间。我们会立即指出其中可能违法的说法。', 'Paste the text of each collector message in its own box with the sender and time. We show at once what may be unlawful in it.')}</p>
    <ol class="msg-rows" id="${id}-rows"></ol>
    <button type="button" class="btn" id="${id}-add">+ ${t('添加一条短信', 'Add a message')}</button>
    <div id="${id}-analysis" class="analysis-box" aria-live="polite"></div>
    <p class="field-error" id="err-${id}" hidden></p>
  </div>`;
}

// analysed is what analyzeMessages finds in messages ({sender, text}), drawn: the phrases, the
// kinds of unlawful collection and the law.
export async function analysed(msgs) {
  await loadViolationTypes();
  const d = await gql(`query($m: [CollectorMessageInput!]!) { analyzeMessages(texts: $m) {
    missing violations { code legalReferences { law article summaryZh summaryEn } }
    messages { index senderKind lines { code phrase start end modifiers legalReferences { law article summaryZh summaryEn } } } } }`,
  { m: msgs.map((r) => ({ sender: r.sender || '', sentAt: '', text: r.text })) });
  return analysisView(d.analyzeMessages, msgs, vlabel);
}

// attachMessages edits rows of {sender, sentAt (datetime-local), text} and shows what
// analyzeMessages finds in them, half a second after the typing stops.
export function attachMessages(root, id, rows, onChange) {
  const box = $(`#${id}-rows`, root);
  const out = $(`#${id}-analysis`, root);
  let timer = null;
  let seq = 0;
  const analyse = async () => {
    const msgs = rows.filter((r) => r.text && r.text.trim());
    if (!msgs.length) { mount(out, ''); return; }
    const mine = ++seq;
    try {
      const view = await analysed(msgs);
      if (mine !== seq || !out.isConnected) return;
      mount(out, view);
    } catch (err) {
      if (mine === seq && out.isConnected) mount(out, html`<p class="field-error">${err.errors ? errorText(err.errors[0]) : String(err)}</p>`);
    }
  };
  const draw = () => {
    mount(box, rows.map((r, i) => html`<li class="msg-row" data-field="${id}.${i}">
      <div class="row2">
        <div class="field" data-field="${id}.${i}.sender"><label for="f-${id}-${i}-sender">${t('发送号码', 'Sender')}</label>
          <input id="f-${id}-${i}-sender" data-k="sender" data-i="${i}" value="${r.sender || ''}" inputmode="tel" autocomplete="off" placeholder="10690000" aria-describedby="err-${id}.${i}.sender">
          <p class="field-error" id="err-${id}.${i}.sender" hidden></p></div>
        <div class="field" data-field="${id}.${i}.sentAt"><label for="f-${id}-${i}-sentAt">${t('发送时间', 'Sent at')}</label>
          <input id="f-${id}-${i}-sentAt" data-k="sentAt" data-i="${i}" type="datetime-local" value="${r.sentAt || ''}" aria-describedby="err-${id}.${i}.sentAt">
          <p class="field-error" id="err-${id}.${i}.sentAt" hidden></p></div>
      </div>
      <div class="field" data-field="${id}.${i}.text"><label for="f-${id}-${i}-text">${t(`短信内容（第 ${i + 1} 条）`, `Message text (${i + 1})`)}</label>
        <textarea id="f-${id}-${i}-text" data-k="text" data-i="${i}" rows="3" aria-describedby="err-${id}.${i}.text">${r.text || ''}</textarea>
        <p class="field-error" id="err-${id}.${i}.text" hidden></p></div>
      <button type="button" class="link small" data-remove="${i}">${t('删除这条', 'Remove this message')}</button>
    </li>`));
    $$('[data-remove]', box).forEach((b) => b.addEventListener('click', () => {
      rows.splice(Number(b.dataset.remove), 1);
      draw();
      onChange(rows);
      analyse();
    }));
  };
  box.addEventListener('input', (ev) => {
    const el = ev.target;
    if (!el.dataset.k) return;
    rows[Number(el.dataset.i)][el.dataset.k] = el.value;
    onChange(rows);
    clearTimeout(timer);
    timer = setTimeout(analyse, 500);
  });
  $(`#${id}-add`, root).addEventListener('click', () => {
    rows.push({ sender: '', sentAt: '', text: '' });
    draw();
    onChange(rows);
    $(`#f-${id}-${rows.length - 1}-text`, root).focus();
  });
  if (!rows.length) rows.push({ sender: '', sentAt: '', text: '' });
  draw();
  analyse();
}

// messagesErrors finds, before anything is sent, what the server would refuse in the rows that
// hold a message: a sender that is no phone number or short code (domain.ValidateCollectorMessages)
// and a missing time (the rules need it: calls and messages at night are unlawful).
export function messagesErrors(rows, id = 'messages') {
  const e = [];
  rows.forEach((r, k) => {
    if (!r.text || !r.text.trim()) return;
    const s = (r.sender || '').trim();
    if (!s || s.length > 32 || !/^\+?[\d ()-]+$/.test(s) || (s.match(/\d/g) || []).length < 3) {
      e.push(invalid(`${id}.${k}.sender`, '请填写发送号码（短信上显示的号码，如 10690000 或 138 0013 8000）。', 'Give the sender\'s number as the message shows it (e.g. 10690000 or 138 0013 8000).'));
    }
    if (!r.sentAt) e.push(invalid(`${id}.${k}.sentAt`, '请填写这条短信的发送时间（短信或截图上可以看到）。', 'Give the time this message was sent (it shows on the message or the screenshot).'));
  });
  return e;
}

// messagesInput turns editor rows into CollectorMessageInput values (rows with text only).
export function messagesInput(rows) {
  return rows.filter((r) => r.text && r.text.trim()).map((r) => ({ sender: (r.sender || '').trim(), sentAt: cst(r.sentAt), text: r.text }));
}

// EVIDENCE_QUERY reads a complaint's evidence as evidenceList shows it, with who attached each item
// (uploaderId is given to the regulator's staff only).
export const EVIDENCE_QUERY = `query($id: ID!) { complaint(id: $id) { evidence { id kind contentType description size sha256 uploadedAt downloadUrl
  source sharedWithComplainant uploaderId institution { name nameEn } message { sender sentAt text } } } }`;

// evidenceList shows a complaint's evidence; files open through an authorised download. Options
// (the staff workbench): full shows the whole SHA-256; messageText(i, text) renders the i-th pasted
// message (to highlight what the rules found in it).
export function evidenceList(items, { full = false, messageText = null } = {}) {
  if (!items || !items.length) return html`<p class="muted">${t('暂无证据。', 'No evidence yet.')}</p>`;
  let m = -1;
  return html`<ul class="evidence-list">${items.map((e) => {
    if (e.message) m += 1;
    return html`<li data-kind="${e.kind}"${e.message ? html` data-message="${m}"` : ''}>
    ${e.message ? html`<p class="msg-text">${messageText ? messageText(m, e.message.text) : e.message.text}</p><p class="small muted">${t('发送方', 'Sender')} ${e.message.sender} · ${when(e.message.sentAt)}</p>`
      : html`<p><strong>${L(KINDS, e.kind)}</strong> <span class="muted small">${size(e.size)} · ${fmtDateTime(e.uploadedAt)}</span>${e.description ? html` — ${e.description}` : ''}</p>
        ${e.source === 'INSTITUTION' ? html`<p class="small" data-source="INSTITUTION" data-shared="${String(!!e.sharedWithComplainant)}"><span class="badge tone-info">${t('机构提交', 'From the institution')}</span> ${instName(e.institution)}${e.sharedWithComplainant ? html` <span class="muted">· ${t('已提供给投诉人', 'shared with the complainant')}</span>` : ''}${e.uploaderId ? html` <span class="muted">· ${t('提交人', 'by user')} #${e.uploaderId}</span>` : ''}</p>` : ''}
        ${e.downloadUrl ? html`<button type="button" class="btn small" data-download="${e.downloadUrl}" data-type="${e.contentType}">${
          String(e.contentType).startsWith('image/') ? t('查看图片', 'View the image') : String(e.contentType).startsWith('audio/') ? t('播放录音', 'Play the recording') : t('查看', 'Open')}</button>` : ''}`}
    ${full ? html`<p class="small muted sha"><span>SHA-256</span> <code class="mono" data-sha256="${e.sha256}">${e.sha256}</code></p>`
      : html`<p class="small muted mono" title="SHA-256">SHA-256 ${String(e.sha256 || '').slice(0, 16)}…</p>`}
  </li>`;
  })}</ul>`;
}

// attachDownloads opens evidence files: an image in place (or, with lightbox, in a full-screen
// viewer that Escape closes), a recording in an audio player, anything else as a download.
export function attachDownloads(root, { lightbox = false } = {}) {
  $$('[data-download]', root).forEach((b) => b.addEventListener('click', async () => {
    try {
      const type = b.dataset.type || '';
      if (lightbox && type.startsWith('image/')) {
        b.dataset.url = b.dataset.url || await download(b.dataset.download);
        openLightbox(b.dataset.url, t('证据图片', 'Evidence image'), b);
        return;
      }
      const url = await download(b.dataset.download);
      const li = b.closest('li');
      const view = type.startsWith('image/') ? html`<img class="ev-img" src="${url}" alt="${t('证据图片', 'Evidence image')}">`
        : type.startsWith('audio/') ? html`<audio controls src="${url}" aria-label="${t('通话录音', 'Call recording')}"></audio>` : html`<a href="${url}" download>${t('保存文件', 'Save the file')}</a>`;
      b.insertAdjacentHTML('afterend', view.toString());
      b.remove();
      li.querySelector('img, audio, a')?.focus?.();
    } catch (err) {
      b.insertAdjacentHTML('afterend', html`<span class="field-error inline">${err.errors ? errorText(err.errors[0]) : String(err)}</span>`.toString());
    }
  }));
}

// openLightbox shows an image in a modal dialog: Escape, the close button or a click beside the
// image closes it, and focus goes back to the button that opened it.
export function openLightbox(url, alt, opener) {
  document.getElementById('lightbox')?.remove();
  const d = document.createElement('dialog');
  d.id = 'lightbox';
  d.className = 'lightbox';
  d.setAttribute('aria-label', alt);
  mount(d, html`<figure><img src="${url}" alt="${alt}"><figcaption><a href="${url}" download>${t('保存原图', 'Save the original')}</a>
    <button type="button" class="btn small" data-close>${t('关闭（Esc）', 'Close (Esc)')}</button></figcaption></figure>`);
  document.body.append(d);
  const close = () => { if (d.open) d.close(); };
  d.addEventListener('close', () => { d.remove(); opener?.focus?.(); });
  d.addEventListener('click', (ev) => { if (ev.target === d) close(); });
  $('[data-close]', d).addEventListener('click', close);
  d.showModal();
  $('[data-close]', d).focus();
  return d;
}
