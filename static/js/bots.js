// Which people are bots: `GET /api/bots/`, read once after sign-in and again
// when the Bots page changes something, so a bot's messages carry a "BOT" badge. Anyone
// signed in may read the list; a failed read keeps what was known.

import * as api from './api.js';

export class Bots {
  constructor() {
    this.ids = new Set();
    this.listeners = [];
  }

  /** Whether the user with id `id` is a bot. */
  has(id) {
    return id != null && this.ids.has(String(id));
  }

  /** `fn()` after the set of bots changed. */
  onChange(fn) {
    this.listeners.push(fn);
  }

  /** Reads the list again (the Bots page passes the list it already has). */
  async reload(known) {
    let bots = known;
    if (!bots) {
      try {
        bots = await api.listBots();
      } catch {
        return; // offline, or a server without bots: keep what we had
      }
    }
    const ids = new Set(bots.map((b) => String(b.id)));
    const same = ids.size === this.ids.size && [...ids].every((id) => this.ids.has(id));
    this.ids = ids;
    if (!same) for (const fn of this.listeners) fn();
  }
}
