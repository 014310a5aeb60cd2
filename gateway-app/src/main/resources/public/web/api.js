// REST 客户端：只用公开接口 /api/v1（snake_case JSON，错误体 {code, message, trace_id}）。
// 访问令牌快过期前用刷新令牌换新（刷新令牌每次轮换）；收到 401/1002 时再试一次刷新。

const STORE = 'im.session';

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export class Api {
  constructor(onSessionLost) {
    this.session = JSON.parse(localStorage.getItem(STORE) || 'null');
    this.onSessionLost = onSessionLost;
    this.refreshing = null;
    this.timer = null;
  }

  get user() {
    return this.session?.user;
  }

  get token() {
    return this.session?.access_token;
  }

  async register(username, password, nickname) {
    this.save(await this.call('POST', '/api/v1/auth/register', { username, password, nickname: nickname || undefined }, false));
  }

  async login(username, password) {
    this.save(await this.call('POST', '/api/v1/auth/login', { username, password, device_id: deviceId() }, false));
  }

  async logout() {
    try {
      await this.call('DELETE', '/api/v1/auth/logout', undefined, false);
    } finally {
      this.clear();
    }
  }

  /** 令牌离过期不足一分钟时先刷新（WebSocket 升级只在握手时验令牌，重连前调用）。 */
  async fresh() {
    if (this.session && Date.now() > this.session.expires_at - 60_000) await this.refresh();
    return this.token;
  }

  refresh() {
    // 并发的刷新只发一次：刷新令牌用过即作废，重放会吊销整个会话
    this.refreshing ??= this.call('POST', '/api/v1/auth/refresh', { refresh_token: this.session.refresh_token }, false)
      .then(tokens => this.save({ ...this.session, ...tokens }))
      .catch(e => {
        if (e.code === 1002) this.lost();
        throw e;
      })
      .finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  get(path) { return this.call('GET', path); }
  post(path, body) { return this.call('POST', path, body ?? {}); }
  put(path, body) { return this.call('PUT', path, body ?? {}); }
  del(path) { return this.call('DELETE', path); }

  async call(method, path, body, retryAuth = true) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: {
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError('network', 'network error', 0);
    }
    if (res.status === 204) return null;
    const data = await res.json().catch(() => ({}));
    if (res.ok) return data;
    const error = new ApiError(data.code ?? 1000, data.message ?? res.statusText, res.status);
    if (error.code === 1002 && retryAuth && this.session) {
      await this.refresh();
      return this.call(method, path, body, false);
    }
    throw error;
  }

  save(data) {
    this.session = {
      user: data.user,
      access_token: data.access_token,
      refresh_token: data.refresh_token,
      expires_at: Date.now() + data.expires_in * 1000,
    };
    localStorage.setItem(STORE, JSON.stringify(this.session));
    // 在过期前一分钟（至少 5 秒后）主动刷新
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch(() => {}),
      Math.max(5_000, this.session.expires_at - Date.now() - 60_000));
    return this.session;
  }

  clear() {
    clearTimeout(this.timer);
    this.session = null;
    localStorage.removeItem(STORE);
  }

  lost() {
    this.clear();
    this.onSessionLost?.();
  }

  /** 启动时恢复：上次的会话若还在，先按剩余时间排好刷新。 */
  resume() {
    if (!this.session) return false;
    this.save({ ...this.session, expires_in: (this.session.expires_at - Date.now()) / 1000 });
    return true;
  }
}

function deviceId() {
  let id = localStorage.getItem('im.device');
  if (!id) {
    id = `web-${randomId()}`;
    localStorage.setItem('im.device', id);
  }
  return id;
}

/** 随机 ID（client_msg_id 等）；crypto.randomUUID 只在安全上下文可用，局域网 http 地址也要能用。 */
export function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
