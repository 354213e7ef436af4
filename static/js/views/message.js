// One message row: sender, time, text (Markdown subset, links made clickable), files (images previewed),
// reactions, the read receipt the history gives it, and the author's edit and delete
// actions. Message text only ever enters the page as text nodes and checked links.

import { h, userName, sameId, said, listSaid } from '../dom.js';
import { clockTime, longTime } from '../time.js';
import { icon, iconButton } from '../icons.js';
import { messageNodes } from '../messagetext.js';
import { emojiNodes } from '../emoji.js';
import { fileItems, isFileCaption } from './attachments.js';
import { openEmojiPicker } from './emojipicker.js';
import { mentionsMe } from '../mentions.js';
import { quoted } from './replyquote.js';
import { ownText } from '../replies.js';
import { callLine } from './callrecord.js';
import { REMOVED_TEXT, SEALED_TEXT } from '../text.js';
import { threadSummary } from './threadsummary.js';
import { actionsOnTap } from './msgtap.js';
import { systemLine } from '../systemlines.js';
import { previewCards } from './linkpreviews.js';
import { extraActions, renderExtras } from './msgmore.js';
import { quotedLinks } from '../messagelinks.js';
import { t, listOf, parts } from '../i18n.js';

/** The "BOT" mark by a bot's name: text, so it does not rely on colour. */
export function botBadge() {
  return h('span', { class: 'bot-badge', 'data-testid': 'bot-badge', title: t('message-a-bot-its-messages-are') }, t('message-bot'));
}

export const EMOJIS = [['👍', t('message-thumbs-up')], ['❤️', t('message-heart')], ['😂', t('message-laughing')],
  ['😮', t('message-surprised')], ['😢', t('message-sad')], ['🎉', t('message-party')]];

export class MessageRow {
  /**
   * ctx: { me, nameOf(userId), onReact(msg, emoji), onEdit(msg, text) -> Promise, onDelete(msg),
   *        onModerate(msg) (an administrator deletes someone else's message),
   *        onReply(msg, mine), onOpenQuote(messageId), isBot(sender),
   *        onThread(msg) (opens its thread; absent inside a thread's panel), userOf(id),
   *        threadRoot (inside a thread's panel: its root's id) }
   */
  constructor(msg, ctx) {
    this.msg = msg;
    this.ctx = ctx;
    this.mine = Boolean(msg.sender && sameId(msg.sender.id, ctx.me.id));
    this.editor = null;
    this.picker = null;
    this.receiptEl = null;
    this.call = null; // the call record when this message is a call's (callrecord.js)

    this.metaEl = h('div', { class: 'msg-meta' });
    this.contentEl = h('div', { class: 'msg-content', dir: 'auto', 'data-testid': 'message-content' });
    this.filesEl = h('ul', { class: 'msg-files' });
    this.previewsEl = h('div', { class: 'msg-previews', hidden: true });
    this.reactionsEl = h('div', { class: 'msg-reactions' });
    this.editedEl = h('span', { class: 'msg-edited', 'data-testid': 'edited-mark', hidden: true }, t('message-edited'));
    this.threadEl = h('div', { class: 'msg-thread', hidden: true });
    this.bubble = h('div', { class: 'bubble' }, this.metaEl, this.contentEl, this.editedEl, this.filesEl, this.previewsEl, this.reactionsEl, this.threadEl);

    const actions = h('div', { class: 'msg-actions' },
      iconButton('react', t('message-react'), { 'data-testid': 'react-button', 'aria-expanded': 'false', onclick: () => this.togglePicker() }),
      ctx.onReply ? iconButton('reply', t('message-reply'), { 'data-testid': 'reply-button', onclick: () => ctx.onReply(this.msg, this.mine) }) : null,
      ctx.onThread ? iconButton('thread', t('message-reply-in-thread'), { 'data-testid': 'thread-button', onclick: () => ctx.onThread(this.msg) }) : null,
      ...extraActions(this),
      this.mine ? iconButton('edit', t('message-edit'), { class: 'edit-action', 'data-testid': 'edit-button', onclick: () => this.startEdit() }) : null,
      this.mine ? iconButton('delete', t('message-delete'), { 'data-testid': 'delete-button', onclick: () => ctx.onDelete(this.msg) }) : null);
    this.reactButton = actions.firstElementChild;
    this.actionsEl = actions;
    // An administrator may delete anyone's message (the server checks); shown once the
    // account says so (render()).
    if (!this.mine && ctx.onModerate) {
      this.moderateButton = iconButton('delete', t('message-delete-as-administrator'), { class: 'moderate',
        'data-testid': 'moderate-delete-button', onclick: () => ctx.onModerate(this.msg) });
      actions.append(this.moderateButton);
    }

    this.el = h('li', {
      class: `msg${this.mine ? ' mine' : ''}`,
      'data-testid': 'message',
      'data-message-id': msg.id,
      'data-mine': this.mine ? 'true' : 'false',
    }, this.bubble, actions);
    actionsOnTap(this.el); // phones: the actions come out on a tap or a long press
    this.render();
  }

  /** Draws this message as the call `record` describes (a call line, not its text). */
  setCall(record) {
    this.call = record;
    this.render();
  }

  /** Merges changed fields (a frame may carry only some) and redraws; who has read it
   *  alone redraws nothing, as the history draws receipts (setReceipt). */
  update(fields) {
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) this.msg[key] = value;
    // An edit carries the whole message: no `previews` in it means none are left.
    if ('content' in fields && !('previews' in fields)) delete this.msg.previews;
    if (Object.keys(fields).every((key) => key === 'read_by')) return;
    this.render();
  }

  /** Whether this row is drawn on its own, never in a run of one person's messages: a
   *  line of the chat's own (an arrival, a topic's change, a call) has no name of its
   *  own to lend the message after it, and a pinned message shows its name, time and
   *  "Pinned" mark whatever came before. */
  get standsAlone() {
    return ['is-join', 'is-call', 'pinned'].some((c) => this.el.classList.contains(c));
  }

  /** A follow-on message of the same person: its name and time are the group's (kept for screen readers). */
  setContinued(on) {
    this.el.classList.toggle('continued', on);
  }

  render() {
    const focused = this.focusedControl();
    const m = this.msg;
    // A bot's messages say so in words, beside the name.
    const bot = !this.mine && Boolean(this.ctx.isBot && this.ctx.isBot(m.sender));
    if (bot) this.el.dataset.bot = 'true';
    else delete this.el.dataset.bot;
    this.metaEl.replaceChildren(
      h('span', { class: 'msg-sender', dir: 'auto', 'data-testid': 'message-sender' }, this.mine ? t('message-you') : userName(m.sender)),
      ...(bot ? [botBadge()] : []),
      h('time', { class: 'msg-time', datetime: m.created_at, title: longTime(m.created_at) }, clockTime(m.created_at)));
    this.editedEl.hidden = !m.is_edited;
    if (this.moderateButton) this.moderateButton.hidden = !this.ctx.me.is_admin;
    const forMe = !this.mine && mentionsMe(m.content, this.ctx.me.username);
    this.el.classList.toggle('mentions-me', forMe);
    if (forMe) this.el.dataset.mentionsMe = 'true';
    else delete this.el.dataset.mentionsMe;
    // Removed by an administrator: its place stays, with words instead of its text and
    // nothing left to do with it.
    const removed = Boolean(m.is_deleted);
    this.el.classList.toggle('removed', removed);
    if (removed) this.el.dataset.removed = 'true';
    else delete this.el.dataset.removed;
    // Encrypted in a Matrix app: natter cannot show or change its text.
    const sealed = Boolean(m.encrypted) && !removed;
    this.el.classList.toggle('sealed', sealed);
    this.actionsEl.hidden = removed;
    const edit = this.actionsEl.querySelector('.edit-action');
    if (edit) edit.hidden = sealed;
    if (removed) Object.assign(m, { attachments: [], reactions: [] });
    const files = m.attachments || [];
    this.el.classList.toggle('is-call', Boolean(this.call));
    // An arrival or a topic's change (systemlines.js): a line in the chat, not a bubble.
    const line = !removed && !this.call && !this.editor ? systemLine(m, this.mine, userName(m.sender), said) : null;
    const topic = line && line.kind === 'topic';
    const joinLine = Boolean(line);
    this.el.classList.toggle('is-join', joinLine);
    if (removed) {
      this.contentEl.replaceChildren(h('span', { class: 'msg-removed', 'data-testid': 'message-removed' }, REMOVED_TEXT));
      this.contentEl.hidden = false;
    } else if (sealed) {
      this.contentEl.replaceChildren(h('span', { class: 'msg-removed', 'data-testid': 'message-encrypted' },
        h('span', { 'aria-hidden': 'true' }, '🔒 '), SEALED_TEXT));
      this.contentEl.hidden = false;
    } else if (this.call) {
      this.contentEl.replaceChildren(callLine(this.call, this.ctx.me));
      this.contentEl.hidden = false;
    } else if (topic) {
      // A topic's change (topicline.js): a line in the chat, as an arrival is.
      this.contentEl.replaceChildren(h('p', { class: 'join-line topic-line', 'data-testid': 'topic-line' },
        h('span', { 'aria-hidden': 'true' }, '📝 '), ...line.words));
      this.contentEl.hidden = false;
    } else if (joinLine) {
      // An arrival (joined.js): a line in the room, not a bubble of words.
      this.contentEl.replaceChildren(h('p', { class: 'join-line', 'data-testid': 'join-line' },
        h('span', { 'aria-hidden': 'true' }, '👋 '), ...line.words));
      this.contentEl.hidden = false;
    } else if (!this.editor) {
      // A quote-reply's first line becomes its header (replyquote.js); the rest is Markdown
      // (markdown.js) around plain stretches, whose links are made clickable and whose
      // mentions are marked (`@me` too, and the row).
      const { quote, text } = quoted(m, this.ctx);
      this.contentEl.replaceChildren(...(quote ? [quote] : []), ...messageNodes(text, this.ctx.me.username),
        ...quotedLinks(text, this.ctx.onOpenLink));
      this.contentEl.hidden = !quote && isFileCaption(text, files); // the files below already name themselves
    }
    this.filesEl.hidden = !files.length;
    // Redrawn only when the files change: a receipt or a reaction must not restart a
    // playing sound or take the focus from a preview.
    const filesKey = JSON.stringify(files.map((f) => f && [f.id, f.name, f.size, f.content_type, (f.thumbnails || []).length]));
    if (filesKey !== this.filesKey) this.filesEl.replaceChildren(...fileItems(files));
    this.filesKey = filesKey;
    // Link previews (linkpreviews.js), redrawn only when they change.
    const previewsKey = removed ? '' : JSON.stringify(m.previews || []);
    if (previewsKey !== this.previewsKey) {
      this.previewsEl.replaceChildren(...(removed ? [] : previewCards(m, this.mine)));
      this.previewsEl.hidden = !this.previewsEl.childElementCount;
    }
    this.previewsKey = previewsKey;
    this.renderReactions();
    this.renderThread();
    renderExtras(this);
    this.refocus(focused);
  }

  /** The control of this row that has the focus, and how to find it once redrawn. */
  focusedControl() {
    const el = document.activeElement;
    if (!el || el === this.el || !this.el.contains(el)) return null;
    const selector = el.dataset.testid ? `[data-testid="${el.dataset.testid}"]` : el.tagName;
    return { el, selector, index: [...this.el.querySelectorAll(selector)].indexOf(el) };
  }

  /** A redraw (a pin, a reaction, the same message again) replaces or moves the row's
   *  buttons and links; the focus goes back to the control in the old one's place instead
   *  of falling to the page, where a key pressed on a reply's header would do nothing. */
  refocus(was) {
    if (!was || document.activeElement === was.el) return;
    const now = this.el.contains(was.el) ? was.el : this.el.querySelectorAll(was.selector)[was.index];
    if (now) now.focus({ preventScroll: true });
  }

  // The "N replies" line of a thread's root (not inside the thread's own panel).
  renderThread() {
    const summary = this.ctx.onThread && this.msg.thread
      ? threadSummary(this.msg.thread, { userOf: (id) => this.ctx.userOf && this.ctx.userOf(id), onOpen: () => this.ctx.onThread(this.msg) })
      : null;
    this.threadEl.hidden = !summary;
    this.threadEl.replaceChildren(...(summary ? [summary] : []));
    if (summary) this.el.dataset.replyCount = summary.dataset.replyCount;
    else delete this.el.dataset.replyCount;
  }

  renderReactions() {
    const reactions = (this.msg.reactions || []).filter((r) => r.count > 0);
    this.reactionsEl.hidden = !reactions.length && !this.picker;
    this.reactionsEl.replaceChildren(...reactions.map((r) => {
      const users = r.users || [];
      const mine = users.some((id) => sameId(id, this.ctx.me.id));
      const names = listOf(users.map((id) => this.ctx.nameOf(id)));
      return h('button', {
        type: 'button',
        class: `reaction${mine ? ' mine' : ''}`,
        'data-testid': 'reaction',
        'data-emoji': r.emoji,
        'aria-pressed': mine ? 'true' : 'false',
        'aria-label': names ? t('message-reaction-count-names', { emoji: r.emoji, count: r.count, names })
          : t('message-reaction-count', { emoji: r.emoji, count: r.count }),
        title: names,
        onclick: () => this.ctx.onReact(this.msg, r.emoji),
      }, ...emojiNodes(r.emoji), ` ${r.count}`);
    }));
    if (this.picker) this.reactionsEl.append(this.picker);
  }

  /** readers: ids to name ("Seen by …"), [] for "Sent", null for no receipt on this row. */
  setReceipt(readers) {
    if (!this.mine) return;
    if (readers == null) {
      if (this.receiptEl) this.receiptEl.remove();
      this.receiptEl = null;
      return;
    }
    if (!this.receiptEl) {
      this.receiptEl = h('div', { class: 'msg-receipt', 'data-testid': 'read-receipt' });
      this.el.append(this.receiptEl);
    }
    const names = readers.map((id) => this.ctx.nameOf(id));
    const key = readers.join(',');
    if (this.receiptEl.dataset.readBy === key && this.receiptEl.childNodes.length) return;
    this.receiptEl.dataset.readBy = key;
    let text = [t('message-sent')];
    // Three names at most; past that, "and N more" is the list's last item. Each name is
    // set apart from the sentence (dom.js's `said`).
    const shown = names.length > 3 ? [...names.slice(0, 3), t('message-seen-by-n-more', { n: names.length - 3 })] : names;
    if (names.length) {
      text = parts('message-seen-by', { names: '' }).flatMap((p) => (typeof p === 'string' ? [p] : listSaid(shown)));
    }
    this.receiptEl.replaceChildren(icon(names.length ? 'seen' : 'sent'), ...text);
    this.receiptEl.title = listOf(names);
  }

  togglePicker() {
    if (this.picker) {
      this.picker = null;
    } else {
      this.picker = h('span', { class: 'emoji-picker', role: 'group', 'aria-label': t('message-pick-a-reaction') },
        ...EMOJIS.map(([emoji, name]) => h('button', { type: 'button', class: 'emoji-option', 'data-testid': 'emoji-option',
          'data-emoji': emoji, 'aria-label': t('message-react-with-name', { name }), title: name,
          onclick: () => { this.picker = null; this.renderReactions(); this.reactButton.setAttribute('aria-expanded', 'false'); this.reactButton.focus(); this.ctx.onReact(this.msg, emoji); } },
        ...emojiNodes(emoji))),
        h('button', { type: 'button', class: 'emoji-option emoji-more', 'data-testid': 'emoji-more', 'aria-haspopup': 'dialog',
          'aria-label': t('message-more-reactions'), title: t('message-more-reactions'), onclick: () => this.moreReactions() }, t('message-more')),
        h('span', { class: 'visually-hidden' }, t('message-escape-closes')));
      this.picker.addEventListener('keydown', (e) => {
        if (e.key === 'Escape') { e.preventDefault(); this.togglePicker(); this.reactButton.focus(); }
      });
    }
    this.reactButton.setAttribute('aria-expanded', this.picker ? 'true' : 'false');
    this.renderReactions();
    if (this.picker) this.picker.querySelector('button').focus();
  }

  /** The full emoji picker (emojipicker.js) for any reaction, opened by the react button. */
  moreReactions() {
    this.togglePicker();
    openEmojiPicker({ anchor: this.reactButton, label: t('message-pick-a-reaction'), onPick: (emoji) => this.ctx.onReact(this.msg, emoji) });
  }

  startEdit() {
    if (this.editor) return;
    const input = h('textarea', { class: 'edit-input', rows: 2, 'data-testid': 'edit-input', 'aria-label': t('message-edit-message') });
    // A reply's quote line is the server's (it keeps it on edits): only the own text is edited.
    const own = this.msg.reply_to != null ? ownText(this.msg.content) : (this.msg.content ?? '');
    input.value = own;
    const error = h('p', { class: 'field-error', role: 'alert' });
    const save = h('button', { type: 'button', class: 'primary', 'data-testid': 'edit-save' }, t('message-save'));
    const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'edit-cancel' }, t('message-cancel'));
    this.editor = h('div', { class: 'msg-editor' }, input, error, h('div', { class: 'row' }, save, cancel));
    this.contentEl.replaceWith(this.editor);

    const stop = () => {
      if (!this.editor) return;
      this.editor.replaceWith(this.contentEl);
      this.editor = null;
      this.render();
      this.el.querySelector('[data-testid="edit-button"]')?.focus();
    };
    const submit = async () => {
      const text = input.value.trim();
      if (!text) { error.textContent = t('message-a-message-cannot-be-empty'); return; }
      if (text === own) return stop();
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
