// WebSocket /ws?token=...（浏览器的 WebSocket 不能带请求头）：状态 connecting / online / reconnecting，
// 每 25 秒 ping（服务端 60 秒无帧即关闭 4000），断线后退避重连，浏览器离线时主动断开、恢复网络立即重连。

let frameSeq = 0;

export class Socket {
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers; // { state(s), frame(f), opened(), closed(code) }
    this.ws = null;
    this.state = 'offline';
    this.backoff = 1000;
    this.stopped = true;
    this.retryTimer = null;
    this.pingTimer = null;
    // 浏览器断网：旧连接不一定会收到关闭事件，立即当作断开，否则状态和重发都要等很久
    this.onOffline = () => this.ws && this.lost(this.ws, 1006);
    this.onOnline = () => this.reconnectNow();
  }

  start() {
    this.stopped = false;
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.ws?.close(1000);
    this.ws = null;
    this.setState('offline');
  }

  get online() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** 发一帧；不在线时返回 false，由调用方稍后重发。 */
  send(type, data) {
    if (!this.online) return false;
    this.ws.send(JSON.stringify({ type, message_id: `f-${++frameSeq}`, data, timestamp: 0 }));
    return true;
  }

  async connect() {
    if (this.stopped) return;
    this.setState(this.state === 'offline' ? 'connecting' : 'reconnecting');
    let token;
    try {
      token = await this.api.fresh();
    } catch {
      return this.retry();
    }
    if (this.stopped || !token) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      ws.opened = true;
      this.backoff = 1000;
      this.setState('online');
      this.pingTimer = setInterval(() => this.send('ping', undefined), 25_000);
      this.handlers.opened();
    };
    ws.onmessage = event => {
      try {
        this.handlers.frame(JSON.parse(event.data));
      } catch (e) {
        console.error('bad frame', e, event.data);
      }
    };
    ws.onclose = event => this.lost(ws, event.code);
  }

  /** 一个连接断了（关闭事件或浏览器离线，只处理一次）。 */
  lost(ws, code) {
    if (this.ws !== ws) return;
    this.ws = null;
    clearInterval(this.pingTimer);
    ws.onclose = null;
    ws.close();
    if (this.stopped) return;
    this.handlers.closed(code, !!ws.opened);
    // 4001 会话已吊销、4002 设备过多：不自动重连（见 docs/websocket-protocol.md 的关闭码）
    if (code === 4001 || code === 4002) return this.stop();
    if (code === 1001) this.backoff = 0; // 网关停机：立即重连
    this.retry();
  }

  retry() {
    this.setState('reconnecting');
    clearTimeout(this.retryTimer);
    if (!navigator.onLine) return; // 等 online 事件
    const delay = this.backoff * (0.5 + Math.random() / 2);
    this.backoff = Math.min(Math.max(this.backoff * 2, 1000), 30_000);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  reconnectNow() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.backoff = 1000;
    this.connect();
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.handlers.state(state);
  }
}
