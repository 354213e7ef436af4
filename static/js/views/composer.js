// The message box: Enter sends, Shift+Enter adds a line, Ctrl/Cmd+B and +I wrap the
// selection in Markdown, an emoji button inserts at the caret. Files picked, pasted or
// dropped upload at once with their progress shown, and can be removed. The box keeps a
// draft per chat (drafts.js) and gives back what a failed send held. Typing is announced
// (re-sent while it lasts, cleared when it stops).

import * as api from '../api.js';
import { h, fileSize } from '../dom.js';
import { icon, iconButton } from '../icons.js';
import { mentionPicker } from '../mentionpicker.js';
import { emojiComplete } from '../emojicomplete.js';
import { loadDraft, saveDraft } from '../drafts.js';
import { insertAtCaret, wrapSelection } from '../textedit.js';
import { openEmojiPicker, closeEmojiPicker } from './emojipicker.js';
import { formatHelp } from './formathelp.js';
import { sendLater } from './sendlater.js';
import { loadShortcodes, convertAtCaret, convertLoaded } from '../shortcode.js';
import { t as tx } from '../i18n.js';

const TYPING_IDLE_MS = 3000; // stop "typing" after this long without a key
const TYPING_REPEAT_MS = 4000; // others expire a typing flag after ~6 s, so repeat it
const MAX_HEIGHT_PX = 160;

let serial = 0; // each box's file input has an id of its own (a chat's and a thread's)

const hasFiles = (e) => Boolean(e.dataTransfer && [...e.dataTransfer.types].includes('Files'));

export class Composer {
  /** onSend(content, attachmentIds, files) -> Promise; onTyping(isTyping); members(): the
   *  open chat's members (for the `@` list); me: who is writing; wide(): whether `@here`
   *  and `@channel` are offered; label: the box's name (placeholder: what it shows empty);
   *  prefix: put before every test id (a thread's box beside the chat's). */
  constructor({ onSend, onTyping, members, me, wide = () => false, label = tx('composer-message'), placeholder = tx('composer-write-a-message'), prefix = '' }) {
    const t = (name) => `${prefix}${name}`;
    this.t = t;
    this.onSend = onSend;
    this.onTyping = onTyping;
    this.me = me;
    this.chatId = null; // whose draft the box holds
    this.files = []; // {file: {name, size}, id, meta, error, progress, abort}
    this.typingSince = 0;
    this.idleTimer = null;

    this.input = h('textarea', { class: 'message-input', rows: 1, placeholder,
      'aria-label': label, 'data-testid': t('message-input'), maxlength: 10000 });
    const fileId = `file-input${++serial > 1 ? `-${serial}` : ''}`;
    this.fileInput = h('input', { type: 'file', multiple: true, class: 'visually-hidden', 'data-testid': t('file-input'),
      id: fileId });
    this.send = h('button', { type: 'submit', class: 'primary send', 'data-testid': t('send-button') }, tx('composer-send'));
    this.chips = h('ul', { class: 'chips pending-files', 'aria-label': tx('composer-attachments') });
    this.error = h('p', { class: 'form-error', role: 'alert', 'data-testid': t('send-error') });
    this.emojiButton = iconButton('react', tx('composer-insert-emoji'), { 'data-testid': t('emoji-button'), 'aria-haspopup': 'dialog',
      'aria-expanded': 'false', onclick: () => this.toggleEmoji() });
    const help = formatHelp(prefix);
    // Send later: the chat's own box only (a thread's box sends into its thread now).
    const later = prefix ? null : sendLater(this);
    // First, so its keydown (an open list takes Enter) runs before the one that sends.
    this.picker = mentionPicker({ input: this.input, members, me, wide, prefix });
    this.emojiList = emojiComplete({ input: this.input, prefix });
    this.el = h('form', { class: 'composer' },
      this.picker.el, this.emojiList.el, help.panel, this.chips, this.error, later && later.note,
      h('div', { class: 'composer-row' },
        h('label', { for: fileId, class: 'icon-button attach', title: tx('composer-attach-a-file') },
          icon('attach'), h('span', { class: 'visually-hidden' }, tx('composer-attach-a-file')), this.fileInput),
        this.input, this.emojiButton, help.button, this.send, later && later.el));

    this.el.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'b' || e.key === 'i')) {
        e.preventDefault();
        wrapSelection(this.input, e.key === 'b' ? '**' : '*');
      }
    });
    this.input.addEventListener('input', (e) => {
      // A `:` typed closes a `:shortcode:` (shortcode.js; the table loads at the first one).
      if (e.data === ':') loadShortcodes().then(() => { if (convertAtCaret(this.input)) this.keepDraft(); }, () => {});
      this.autosize();
      this.typed();
      this.keepDraft();
    });
    this.input.addEventListener('paste', (e) => {
      const files = [...((e.clipboardData && e.clipboardData.files) || [])];
      if (!files.length) return; // text pastes as usual
      e.preventDefault();
      files.forEach((f) => this.upload(f));
    });
    this.fileInput.addEventListener('change', () => {
      for (const file of this.fileInput.files) this.upload(file);
      this.fileInput.value = ''; // picking the same file again must fire change
    });
    this.acceptDrops(this.el);
  }

  /** Files dropped on `area` (the box, the whole chat) are attached. */
  acceptDrops(area) {
    area.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      this.el.classList.add('dropping');
    });
    area.addEventListener('dragleave', (e) => {
      if (!area.contains(e.relatedTarget)) this.el.classList.remove('dropping');
    });
    area.addEventListener('drop', (e) => {
      if (!hasFiles(e) || e.defaultPrevented) return; // the box inside the chat took it
      e.preventDefault();
      this.el.classList.remove('dropping');
      [...e.dataTransfer.files].forEach((f) => this.upload(f));
    });
  }

  /** Shows chat `chatId`'s draft (none for null), ending any typing announcement. */
  reset(chatId = null) {
    this.stopTyping();
    this.picker.close();
    this.emojiList.close();
    closeEmojiPicker();
    for (const f of this.files) if (f.abort) f.abort(); // uploads for the chat left behind
    this.chatId = chatId;
    const draft = chatId == null ? { text: '', files: [] } : loadDraft(this.me.id, chatId);
    this.input.value = draft.text;
    this.files = draft.files.map((meta) => ({ file: { name: meta.name || tx('attachments-file-id', { id: meta.id }), size: meta.size },
      id: meta.id, meta, error: '', progress: 1, abort: null }));
    this.error.textContent = '';
    this.autosize();
    this.renderFiles();
  }

  /** Saves what the box holds (text, uploaded files) as the open chat's draft. */
  keepDraft() {
    if (this.chatId == null) return;
    saveDraft(this.me.id, this.chatId, {
      text: this.input.value,
      files: this.files.filter((f) => f.id != null).map((f) => f.meta),
    });
  }

  focus() {
    this.input.focus();
  }

  toggleEmoji() {
    if (this.emojiButton.getAttribute('aria-expanded') === 'true') return closeEmojiPicker();
    openEmojiPicker({ anchor: this.emojiButton, label: tx('composer-insert-an-emoji'), onPick: (emoji) => insertAtCaret(this.input, emoji) });
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
    const entry = { file, id: null, meta: null, error: '', progress: 0, abort: null };
    this.files.push(entry);
    // One upload after another, in the order they were picked: the server numbers a file
    // when its upload ends and lists a message's files by that number, so files sent side
    // by side came back in the order they finished (a small one before a large one
    // picked first). Removing a waiting file takes it out of the line.
    const before = this.uploads || Promise.resolve();
    let done;
    this.uploads = new Promise((resolve) => { done = resolve; });
    entry.abort = () => { entry.cancelled = true; };
    this.renderFiles();
    await before;
    if (entry.cancelled) return done();
    const job = api.uploadFileWithProgress(file, (fraction) => {
      entry.progress = fraction;
      this.renderProgress(entry);
    });
    entry.abort = job.abort;
    try {
      const answer = (await job.done) || {};
      if (answer.id == null) throw new Error(tx('composer-the-server-gave-the-file'));
      entry.meta = { ...answer, name: answer.name || file.name, size: answer.size ?? file.size,
        content_type: answer.content_type || file.type };
      entry.id = answer.id;
      entry.progress = 1;
    } catch (err) {
      if (err.aborted) return; // removed on purpose: nothing to say
      entry.error = err.message;
    } finally {
      entry.abort = null;
      done();
    }
    if (!this.files.includes(entry)) return;
    this.renderFiles();
    this.keepDraft();
  }

  remove(entry) {
    if (entry.abort) entry.abort();
    this.files = this.files.filter((f) => f !== entry);
    this.renderFiles();
    this.keepDraft();
    this.input.focus();
  }

  renderProgress(entry) {
    if (!entry.bar) return;
    const pct = Math.round(entry.progress * 100);
    entry.bar.value = pct;
    entry.state.textContent = tx('composer-uploading-pct', { pct });
  }

  renderFiles() {
    const uploading = this.files.some((f) => f.id == null && !f.error);
    this.send.disabled = uploading;
    this.chips.replaceChildren(...this.files.map((entry) => {
      const busy = entry.id == null && !entry.error;
      const state = entry.error ? tx('composer-failed-error', { error: entry.error }) : busy ? '' : `(${fileSize(entry.file.size)})`;
      entry.state = h('span', { class: 'chip-state' }, state);
      entry.bar = busy ? h('progress', { max: 100, value: Math.round(entry.progress * 100), class: 'upload-progress',
        'data-testid': this.t('upload-progress'), 'aria-label': tx('composer-uploading-name', { name: entry.file.name }) }) : null;
      const chip = h('li', { class: `chip${entry.error ? ' bad' : ''}`, 'data-testid': this.t('pending-file') },
        icon('file'), `${entry.file.name} `, entry.state, entry.bar,
        iconButton('close', busy ? tx('composer-cancel-uploading-name', { name: entry.file.name }) : tx('composer-remove-name', { name: entry.file.name }),
          { 'data-testid': this.t('remove-file'), onclick: () => this.remove(entry) }));
      this.renderProgress(entry);
      return chip;
    }));
  }

  async submit() {
    if (this.input.value.includes(':')) await loadShortcodes().catch(() => {});
    const ready = this.files.filter((f) => f.id != null);
    if (this.files.some((f) => f.id == null && !f.error)) return; // still uploading
    // `:shortcodes:` not converted while typing are now (the table was loaded above).
    let content = convertLoaded(this.input.value.trim());
    if (!content && !ready.length) return;
    // The server needs some text; a file sent on its own is captioned with its name.
    if (!content) content = ready.map((f) => `📎 ${f.file.name}`).join('\n');
    const chatId = this.chatId;
    const saved = { text: this.input.value, files: this.files };
    this.input.value = '';
    this.files = [];
    this.error.textContent = '';
    this.autosize();
    this.renderFiles();
    this.stopTyping();
    closeEmojiPicker();
    try {
      await this.onSend(content, ready.map((f) => f.id), ready.map((f) => f.meta));
      if (chatId != null) saveDraft(this.me.id, chatId, { text: '', files: [] });
      if (chatId === this.chatId) this.keepDraft(); // anything typed meanwhile stays the draft
    } catch (err) {
      if (chatId !== this.chatId) {
        // Another chat is open now: what failed becomes that chat's draft again.
        if (chatId != null) saveDraft(this.me.id, chatId, { text: saved.text, files: ready.map((f) => f.meta) });
        return;
      }
      // Nothing typed is lost: put it back unless the person already started a new message.
      if (!this.input.value) this.input.value = saved.text;
      if (!this.files.length) this.files = saved.files;
      this.error.textContent = tx('composer-not-sent-message', { message: err.message });
      this.autosize();
      this.renderFiles();
      this.keepDraft();
    }
  }
}
