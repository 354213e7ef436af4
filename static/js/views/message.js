// One message row: sender, time, text, attachments, reactions, read receipt, and the
// author's edit and delete actions. Message text is only ever set as textContent.

import { fileUrl } from '../api.js';
import { h, userName, shortTime, longTime, fileSize, sameId } from '../dom.js';

export const EMOJIS = ['👍', '❤️', '😂', '😮', '😢', '🎉'];

export class MessageRow {
  /**
   * ctx: { me, nameOf(userId), onReact(msg, emoji), onEdit(msg, text) -> Promise, onDelete(msg) }
   */
  constructor(msg, ctx) {
    this.msg = msg;
    this.ctx = ctx;
    this.mine = Boolean(msg.sender && sameId(msg.sender.id, ctx.me.id));
    this.editor = null;
    this.picker = null;

    this.metaEl = h('div', { class: 'msg-meta' });
    this.contentEl = h('div', { class: 'msg-content', 'data-testid': 'message-content' });
    this.filesEl = h('ul', { class: 'msg-files' });
    this.reactionsEl = h('div', { class: 'msg-reactions' });
    this.receiptEl = this.mine ? h('div', { class: 'msg-receipt', 'data-testid': 'read-receipt' }) : null;
    this.bubble = h('div', { class: 'bubble' }, this.metaEl, this.contentEl, this.filesEl, this.reactionsEl);

    const actions = h('div', { class: 'msg-actions' },
      h('button', { type: 'button', class: 'icon-button', 'data-testid': 'react-button', 'aria-label': 'React',
        title: 'React', onclick: () => this.togglePicker() }, '☺'),
      this.mine ? h('button', { type: 'button', class: 'icon-button', 'data-testid': 'edit-button', 'aria-label': 'Edit',
        title: 'Edit', onclick: () => this.startEdit() }, '✎') : null,
      this.mine ? h('button', { type: 'button', class: 'icon-button', 'data-testid': 'delete-button', 'aria-label': 'Delete',
        title: 'Delete', onclick: () => ctx.onDelete(this.msg) }, '🗑') : null);

    this.el = h('li', {
      class: `msg${this.mine ? ' mine' : ''}`,
      'data-testid': 'message',
      'data-message-id': msg.id,
      'data-mine': this.mine ? 'true' : 'false',
    }, this.bubble, actions, this.receiptEl);
    this.render();
  }

  /** Merges changed fields (a frame may carry only some) and redraws. */
  update(fields) {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) this.msg[key] = value;
    this.render();
  }

  render() {
    const m = this.msg;
    this.metaEl.replaceChildren(
      h('span', { class: 'msg-sender' }, this.mine ? 'You' : userName(m.sender)),
      h('time', { datetime: m.created_at, title: longTime(m.created_at) }, shortTime(m.created_at)),
      // replaceChildren would show a null as the text "null": pass the mark only when edited.
      ...(m.is_edited ? [h('span', { class: 'msg-edited', 'data-testid': 'edited-mark' }, 'edited')] : []));
    if (!this.editor) this.contentEl.textContent = m.content ?? '';
    this.renderFiles();
    this.renderReactions();
    this.renderReceipt();
  }

  renderFiles() {
    const files = this.msg.attachments || [];
    this.filesEl.hidden = !files.length;
    this.filesEl.replaceChildren(...files.map((f) => h('li', null,
      h('a', { href: fileUrl(f.id), download: f.name || '', 'data-testid': 'attachment-link', 'data-file-id': f.id },
        `📎 ${f.name || `file ${f.id}`}`),
      h('span', { class: 'file-size' }, ` ${fileSize(f.size)}`))));
  }

  renderReactions() {
    const reactions = (this.msg.reactions || []).filter((r) => r.count > 0);
    this.reactionsEl.hidden = !reactions.length && !this.picker;
    this.reactionsEl.replaceChildren(...reactions.map((r) => {
      const users = r.users || [];
      const mine = users.some((id) => sameId(id, this.ctx.me.id));
      return h('button', {
        type: 'button',
        class: `reaction${mine ? ' mine' : ''}`,
        'data-testid': 'reaction',
        'data-emoji': r.emoji,
        'aria-pressed': mine ? 'true' : 'false',
        title: users.map((id) => this.ctx.nameOf(id)).join(', '),
        onclick: () => this.ctx.onReact(this.msg, r.emoji),
      }, `${r.emoji} ${r.count}`);
    }));
    if (this.picker) this.reactionsEl.append(this.picker);
  }

  /** "Seen by …" on the author's own messages, from read_by minus the author. */
  renderReceipt() {
    if (!this.receiptEl) return;
    const readers = (this.msg.read_by || []).filter((id) => !sameId(id, this.ctx.me.id));
    const names = readers.map((id) => this.ctx.nameOf(id));
    this.receiptEl.dataset.readBy = readers.join(',');
    if (!names.length) this.receiptEl.textContent = '✓ Sent';
    else if (names.length <= 3) this.receiptEl.textContent = `✓✓ Seen by ${names.join(', ')}`;
    else this.receiptEl.textContent = `✓✓ Seen by ${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
    this.receiptEl.title = names.join(', ');
  }

  togglePicker() {
    if (this.picker) {
      this.picker = null;
    } else {
      this.picker = h('span', { class: 'emoji-picker', role: 'group', 'aria-label': 'Pick a reaction' },
        ...EMOJIS.map((emoji) => h('button', { type: 'button', class: 'emoji-option', 'data-testid': 'emoji-option',
          'data-emoji': emoji, onclick: () => { this.picker = null; this.ctx.onReact(this.msg, emoji); } }, emoji)));
    }
    this.renderReactions();
  }

  startEdit() {
    if (this.editor) return;
    const input = h('textarea', { class: 'edit-input', rows: 2, 'data-testid': 'edit-input', 'aria-label': 'Edit message' });
    input.value = this.msg.content ?? '';
    const error = h('p', { class: 'field-error' });
    const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'edit-save' }, 'Save');
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'edit-cancel' }, 'Cancel');
    this.editor = h('div', { class: 'msg-editor' }, input, error, h('div', { class: 'row' }, save, cancel));
    this.contentEl.replaceWith(this.editor);

    const stop = () => {
      if (!this.editor) return;
      this.editor.replaceWith(this.contentEl);
      this.editor = null;
      this.render();
    };
    const submit = async () => {
      const text = input.value.trim();
      if (!text) { error.textContent = 'A message cannot be empty. Delete it instead.'; return; }
      if (text === this.msg.content) return stop();
      save.disabled = true;
      try {
        await this.ctx.onEdit(this.msg, text);
        stop();
      } catch (err) {
        error.textContent = err.message;
        save.disabled = false;
      }
    };
    save.addEventListener('click', submit);
    cancel.addEventListener('click', stop);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
      if (e.key === 'Escape') { e.preventDefault(); stop(); }
    });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }
}
