// Starred chats: the chats a person keeps at the top of their list. Kept in this
// browser's localStorage, per person (`natter.starred.<user id>`: a JSON list of chat
// ids), so stars are per browser; other tabs of the same browser follow at once.

const keyOf = (me) => `natter.starred.${me.id}`;

function read(key) {
  try {
    const ids = JSON.parse(localStorage.getItem(key) || '[]');
    return new Set(Array.isArray(ids) ? ids.map(String).filter((id) => /^[1-9][0-9]{0,17}$/.test(id)) : []);
  } catch {
    return new Set(); // no storage, or something else's value: no stars
  }
}

export class Stars {
  constructor(me) {
    this.key = keyOf(me);
    this.ids = read(this.key);
    this.listeners = new Set();
    // A star set in another tab of this browser.
    window.addEventListener('storage', (e) => {
      if (e.key !== this.key) return;
      this.ids = read(this.key);
      this.changed();
    });
  }

  onChange(fn) {
    this.listeners.add(fn);
  }

  changed() {
    for (const fn of [...this.listeners]) fn();
  }

  has(id) {
    return this.ids.has(String(id));
  }

  /** Stars chat `id`, or takes its star away; answers whether it is starred now. */
  toggle(id) {
    const key = String(id);
    if (this.ids.has(key)) this.ids.delete(key);
    else this.ids.add(key);
    try {
      localStorage.setItem(this.key, JSON.stringify([...this.ids]));
    } catch {
      // private mode: the star lasts as long as the page
    }
    this.changed();
    return this.ids.has(key);
  }
}
