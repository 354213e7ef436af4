// The message box: Enter sends, Shift+Enter adds a line, files upload as soon as they
// are picked, and typing is announced (re-sent while it lasts, cleared when it stops).

import * as api from '../api.js';
import { h, fileSize } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { mentionPicker } from '../mentionpicker.js';

const TYPING_IDLE_MS = 3000; // stop "typing" after this long without a key
const TYPING_REPEAT_MS = 4000; // others expire a typing flag after ~6 s, so repeat it
const MAX_HEIGHT_PX = 160;

export class Composer {
  /** onSend(content, attachmentIds, files) -> Promise; onTyping(isTyping); members(): the
   *  open chat's members (for the `@` list); me: who is writing. */
  constructor({ onSend, onTyping, members, me }) {
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.files = []; // {file, id, meta, error}
    this.typingSince = 0;
    this.idleTimer = null;

    this.input = h('textarea', { class: 'message-input', rows: 1, placeholder: 'Write a message',
      'aria-label': 'Message', 'data-testid': 'message-input', maxlength: 10000 });
    this.fileInput = h('input', { type: 'file', multiple: true, class: 'visually-hidden', 'data-testid': 'file-input',
      id: 'file-input' });
    this.send = h('button', { type: 'submit', class: 'primary send', 'data-testid': 'send-button' }, 'Send');
    this.chips = h('ul', { class: 'chips pending-files', 'aria-label': 'Attachments' });
    this.error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'send-error' });
    // First, so its keydown (an open list takes Enter) runs before the one that sends.
    this.picker = mentionPicker({ input: this.input, members, me });
    this.el = h('form', { class: 'composer' },
      this.picker.el, this.chips, this.error,
      h('div', { class: 'composer-row' },
        h('label', { for: 'file-input', class: 'icon-button attach', title: 'Attach a file' },
          icon('attach'), h('span', { class: 'visually-hidden' }, 'Attach a file'), this.fileInput),
        this.input, this.send));

    this.el.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => { this.autosize(); this.typed(); });
    this.fileInput.addEventListener('change', () => {
      for (const file of this.fileInput.files) this.upload(file);
      this.fileInput.value = ''; // picking the same file again must fire change
    });
  }

  /** Empties the box for another chat, ending any typing announcement. */
  reset() {
    this.stopTyping();
    this.picker.close();
    this.input.value = '';
    this.files = [];
    this.error.textContent = '';
    this.autosize();
    this.renderFiles();
  }

  focus() {
    this.input.focus();
  }

  /** Grows the box with its text. An empty box keeps its natural one-line height: measuring
   *  it while the chat is still hidden (when it opens) would give 0 and squash it. */
  autosize() {
    const el = this.input;
    if (!el.value || !el.getClientRects().length) {
      el.style.height = '';
      return;
    }
    el.style.height = 'auto';
    const border = el.offsetHeight - el.clientHeight; // scrollHeight leaves the border out
    el.style.height = `${Math.min(el.scrollHeight + border, MAX_HEIGHT_PX)}px`;
  }

  typed() {
    const now = Date.now();
    if (this.input.value.trim() && now - this.typingSince > TYPING_REPEAT_MS) {
      this.typingSince = now;
      this.onTyping(true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    clearTimeout(this.idleTimer);
    if (this.typingSince) {
      this.typingSince = 0;
      this.onTyping(false);
    }
  }

  async upload(file) {
    const entry = { file, id: null, meta: null, error: '' };
    this.files.push(entry);
    this.renderFiles();
    try {
      entry.meta = await api.uploadFile(file);
      entry.id = entry.meta.id;
    } catch (err) {
      entry.error = err.message;
    }
    this.renderFiles();
  }

  renderFiles() {
    const uploading = this.files.some((f) => f.id == null && !f.error);
    this.send.disabled = uploading;
    this.chips.replaceChildren(...this.files.map((entry) => {
      const state = entry.error ? `failed: ${entry.error}` : entry.id == null ? 'uploading…' : fileSize(entry.file.size);
      return h('li', { class: `chip${entry.error ? ' bad' : ''}`, 'data-testid': 'pending-file' },
        icon('file'), `${entry.file.name} (${state})`,
        iconButton('close', `Remove ${entry.file.name}`,
          { onclick: () => { this.files = this.files.filter((f) => f !== entry); this.renderFiles(); } }));
    }));
  }

  async submit() {
    const ready = this.files.filter((f) => f.id != null);
    if (this.files.some((f) => f.id == null && !f.error)) return; // still uploading
    let content = this.input.value.trim();
    if (!content && !ready.length) return;
    // The server needs some text; a file sent on its own is captioned with its name.
    if (!content) content = ready.map((f) => `📎 ${f.file.name}`).join('\n');
    const saved = { text: this.input.value, files: this.files };
    this.input.value = '';
    this.files = [];
    this.error.textContent = '';
    this.autosize();
    this.renderFiles();
    this.stopTyping();
    try {
      await this.onSend(content, ready.map((f) => f.id), ready.map((f) => f.meta));
    } catch (err) {
      // Nothing typed is lost: put it back unless the person already started a new message.
      if (!this.input.value) this.input.value = saved.text;
      if (!this.files.length) this.files = saved.files;
      this.error.textContent = `Not sent: ${err.message}`;
      this.autosize();
      this.renderFiles();
    }
  }
}
