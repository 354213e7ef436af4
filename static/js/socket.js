// The live connection to /messages/ws/ (all of the user's chats). It reconnects by
// itself with backoff and says when it is open again, so the app can fetch what it missed.

const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];

export class LiveSocket {
  /**
   * onEvent(frame)      a parsed server frame
   * onStatus(state, n)  'connecting' | 'online' | 'reconnecting' (n = failed attempts so far)
   * onOpen()            the socket (re)opened: anything before now may have been missed
   * onRevoked()         the server closed it with 1008: this session was signed out
   *                     (in another tab, say); retrying will not help until signed in
   */
  constructor({ onEvent, onStatus, onOpen, onRevoked }) {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onOpen = onOpen;
    this.onRevoked = onRevoked;
    this.ws = null;
    this.failures = 0;
    this.timer = null;
    this.stopped = true;
    // A network coming back is a good moment to retry without waiting out the backoff.
    this.retryNow = () => { if (!this.ws && !this.stopped) this.connect(); };
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.retryNow);
    this.onStatus('connecting', 0);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000);
  }

  /** Sends `frame` (an object) if the socket is open; answers whether it went. */
  send(frame) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  connect() {
    clearTimeout(this.timer);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/messages/ws/`);
    this.ws = ws;
    ws.onopen = () => {
      this.failures = 0;
      this.onStatus('online', 0);
      this.onOpen();
    };
    ws.onmessage = (e) => {
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return; // not ours to understand
      }
      if (frame && typeof frame === 'object') this.onEvent(frame);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return; // an old socket we already replaced or stopped
      this.ws = null;
      if (this.stopped) return;
      if (e.code === 1008 && this.onRevoked) this.onRevoked();
      this.failures += 1;
      this.onStatus('reconnecting', this.failures);
      const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)];
      this.timer = setTimeout(() => this.connect(), delay);
    };
    // An error is always followed by close, which does the retrying.
    ws.onerror = () => {};
  }
}
