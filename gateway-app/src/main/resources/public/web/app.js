// 网页聊天客户端：只用公开 REST（/api/v1）与 /ws，线上格式见 docs/websocket-protocol.md 与 OpenAPI 描述。
import { Api, ApiError, randomId } from './api.js';
import { Socket } from './socket.js';
import { errorText, getLang, setLang, t } from './i18n.js';

const $ = id => document.getElementById(id);
const api = new Api(() => showAuth(t('kickedOut')));
const socket = new Socket(api, { state: renderConn, frame: onFrame, opened: onOpened, closed: onClosed });

const state = {
  convs: new Map(),      // id → 会话摘要（REST 的 ConversationView，随推送更新）
  current: null,         // 打开的会话 id
  history: new Map(),    // id → { list, hasMore }：已加载的消息，按 seq 升序
  pending: new Map(),    // client_msg_id → 未确认的发送（断线重连后原样重发）
  peerRead: new Map(),   // 会话 id → 对方已读到的 seq（read-receipt）
  online: new Map(),     // 用户 id → 是否在线
  names: new Map(),      // 用户 id → 昵称
  registering: false,
};

// ---------- 登录与注册 ----------

function showAuth(message) {
  socket.stop();
  state.convs.clear();
  state.history.clear();
  state.pending.clear();
  state.peerRead.clear();
  state.online.clear();
  state.current = null;
  $('app').hidden = true;
  $('auth').hidden = false;
  $('logout').hidden = true;
  $('me').textContent = '';
  state.registering = false;
  renderAuth();
  if (message) showError(message);
}

function renderAuth() {
  const reg = state.registering;
  $('auth-title').textContent = t(reg ? 'register' : 'login');
  $('auth-submit').textContent = t(reg ? 'register' : 'login');
  $('auth-switch').textContent = t(reg ? 'haveAccount' : 'needAccount');
  $('auth-form').nickname.hidden = !reg;
}

$('auth-switch').onclick = e => {
  e.preventDefault();
  state.registering = !state.registering;
  renderAuth();
};

$('auth-form').onsubmit = e => {
  e.preventDefault();
  const f = e.target;
  run(async () => {
    if (state.registering) await api.register(f.username.value.trim(), f.password.value, f.nickname.value.trim());
    else await api.login(f.username.value.trim(), f.password.value);
    f.password.value = '';
    await enter();
  });
};

$('logout').onclick = () => run(async () => {
  socket.stop();
  try {
    await api.logout();
  } finally {
    showAuth();
  }
});

async function enter() {
  $('auth').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('me').textContent = `${api.user.nickname} (@${api.user.username})`;
  state.names.set(api.user.id, api.user.nickname);
  await loadConversations();
  render();
  socket.start();
}

// ---------- 会话列表 ----------

async function loadConversations() {
  const page = await api.get('/api/v1/conversations?page=1&page_size=100');
  state.convs = new Map(page.conversations.map(c => [c.id, c]));
  for (const c of page.conversations) {
    if (c.peer_user_id) state.names.set(c.peer_user_id, c.name);
    refreshLast(c);
  }
}

/** 列表可能比本地刚确认或刚补拉的消息旧（重连时并发拉取）：以本地更新的消息为准。 */
function refreshLast(c) {
  const newest = state.history.get(c.id)?.list.findLast(m => m.seq_id > 0);
  if (newest && newest.seq_id > (c.last_message?.seq_id ?? 0)) c.last_message = newest;
}

// 推送里出现未知会话（别人刚拉我进群、刚给我发第一条消息）时重新拉列表，合并短时间内的多次请求
let reloadTimer = null;
function reloadConversationsSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => run(async () => { await loadConversations(); render(); }), 200);
}

function convName(c) {
  if (!c) return '';
  if (c.type === 'world') return t('world');
  return c.name || c.id;
}

function renderConversations() {
  // 与服务端列表同序：置顶的在前，其余按最后更新时间倒序
  const list = [...state.convs.values()].sort((a, b) => (b.pinned === true) - (a.pinned === true) || (b.updated_at ?? 0) - (a.updated_at ?? 0));
  $('conversations').replaceChildren(...list.map(c => {
    const last = c.last_message ? c.last_message.content : '';
    const pin = el('button', { type: 'button', className: 'conv-toggle' + (c.pinned ? ' on' : ''), title: t(c.pinned ? 'unpin' : 'pin'),
      dataset: { testid: 'pin' } }, t('pinLabel'));
    pin.onclick = e => { e.stopPropagation(); run(() => updateSettings(c.id, { pinned: !c.pinned })); };
    const mute = el('button', { type: 'button', className: 'conv-toggle' + (c.muted ? ' on' : ''), title: t(c.muted ? 'unmute' : 'mute'),
      dataset: { testid: 'mute' } }, t('muteLabel'));
    mute.onclick = e => { e.stopPropagation(); run(() => updateSettings(c.id, { muted: !c.muted })); };
    const li = el('li', { className: [c.id === state.current ? 'active' : '', c.pinned ? 'pinned' : ''].join(' ').trim(),
      dataset: { conv: c.id, testid: 'conversation', pinned: String(c.pinned === true), muted: String(c.muted === true) } },
      el('div', { className: 'conv-top' },
        el('span', { className: 'conv-name' }, convName(c)),
        c.mentioned ? el('span', { className: 'mention', dataset: { testid: 'mentioned' }, title: t('mentioned') }, '@') : '',
        c.unread_count > 0 ? el('span', { className: 'badge', dataset: { testid: 'unread' }, title: t('unread', { n: c.unread_count }) }, String(c.unread_count)) : '',
        pin, mute),
      el('div', { className: 'conv-last' }, last));
    li.onclick = () => openConversation(c.id);
    return li;
  }));
}

/** 置顶、免打扰：PUT 的结果就是最终状态；其他设备经 conversation-settings 帧得到同样的状态。 */
async function updateSettings(id, change) {
  applySettings(await api.put(`/api/v1/conversations/${encodeURIComponent(id)}/settings`, change));
}

function applySettings(s) {
  const c = state.convs.get(s.conversation_id);
  if (!c) return reloadConversationsSoon();
  c.pinned = s.pinned;
  c.muted = s.muted;
  renderConversations();
}

// ---------- 聊天视图 ----------

async function openConversation(id) {
  state.current = id;
  $('panel').hidden = true;
  render();
  if (!state.history.has(id)) {
    // 先建好本地列表：加载期间发出或推送来的消息不会丢，加载结果按 message_id 合并进来
    const h = { list: [], hasMore: false };
    state.history.set(id, h);
    const page = await api.get(`/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=30`).catch(showError);
    if (!page) {
      state.history.delete(id);
      return;
    }
    h.hasMore = page.has_more;
    merge(id, page.messages);
  }
  const conv = state.convs.get(id);
  if (conv?.peer_user_id && !state.online.has(conv.peer_user_id)) {
    api.post('/api/v1/presence/query', { user_ids: [conv.peer_user_id] })
      .then(r => { for (const p of r.presences) state.online.set(p.user_id, p.online); renderHeader(); })
      .catch(showError);
  }
  render();
  scrollToBottom();
  markRead();
}

async function loadOlder() {
  const h = state.history.get(state.current);
  if (!h || !h.hasMore || h.loading) return;
  h.loading = true;
  const id = state.current;
  const first = h.list.find(m => m.seq_id > 0);
  try {
    const page = await api.get(`/api/v1/conversations/${encodeURIComponent(id)}/messages?limit=30&before_seq=${first ? first.seq_id : 1}`);
    h.hasMore = page.has_more;
    const box = $('messages');
    const fromBottom = box.scrollHeight - box.scrollTop;
    merge(id, page.messages);
    renderMessages();
    box.scrollTop = box.scrollHeight - fromBottom; // 保持阅读位置
  } catch (e) {
    showError(e);
  } finally {
    h.loading = false;
  }
}

/** 合并消息：按 message_id 去重（投递至少一次），本地待确认的副本按 client_msg_id 认领。 */
function merge(convId, messages) {
  const h = state.history.get(convId);
  if (!h) return;
  for (const m of messages) {
    const same = h.list.find(x => (m.message_id && x.message_id === m.message_id)
      || (m.client_msg_id && x.client_msg_id === m.client_msg_id && x.sender_id === m.sender_id));
    if (same) {
      Object.assign(same, m, { status: 'acked' });
      state.pending.delete(m.client_msg_id);
    } else {
      h.list.push({ ...m, status: 'acked' });
    }
  }
  // 已确认的按 seq 排，未确认的留在末尾
  h.list.sort((a, b) => (a.seq_id || Infinity) - (b.seq_id || Infinity));
}

function maxSeq(convId) {
  const h = state.history.get(convId);
  return h ? h.list.reduce((max, m) => Math.max(max, m.seq_id || 0), 0) : 0;
}

/** 打开的会话里读到的最新 seq 报给服务端（WebSocket read 帧），对方收到已读回执。 */
function markRead() {
  const conv = state.convs.get(state.current);
  const seq = maxSeq(state.current);
  // 自己发的消息会推进自己的已读指针（read_seq），所以还要看未读数
  if (!conv || document.hidden || (seq <= (conv.read_seq ?? 0) && !conv.unread_count)) return;
  if (socket.send('read', { conversation_id: conv.id, seq })) {
    conv.read_seq = seq;
    conv.unread_count = 0;
    conv.mentioned = false;
    renderConversations();
  }
}
document.addEventListener('visibilitychange', markRead);

function renderHeader() {
  const conv = state.convs.get(state.current);
  const header = $('chat-header');
  if (!conv) {
    header.replaceChildren(el('span', { className: 'hint' }, t('pickConversation')));
    return;
  }
  const parts = [el('strong', {}, convName(conv))];
  if (conv.peer_user_id) {
    const online = state.online.get(conv.peer_user_id);
    if (online !== undefined) {
      parts.push(el('span', { className: `presence ${online ? 'on' : 'off'}`, dataset: { testid: 'peer-status' } },
        t(online ? 'peer.online' : 'peer.offline')));
    }
  }
  if (conv.group_id) {
    const btn = el('button', { type: 'button' }, t('groupInfo'));
    btn.onclick = () => run(() => showMembers(conv));
    parts.push(btn);
  }
  header.replaceChildren(...parts);
}

function renderMessages() {
  const conv = state.convs.get(state.current);
  $('composer').hidden = !conv;
  const h = state.history.get(state.current);
  if (!conv || !h) {
    $('messages').replaceChildren();
    return;
  }
  const top = h.hasMore
    ? el('button', { type: 'button', className: 'older', onclick: () => loadOlder() }, t('loadOlder'))
    : el('div', { className: 'hint' }, t('noOlder'));
  const read = state.peerRead.get(conv.id) ?? 0;
  $('messages').replaceChildren(top, ...h.list.map(m => {
    const mine = m.sender_id === api.user.id;
    const status = m.status === 'acked' && conv.type === 'single' && m.seq_id <= read ? 'read' : m.status;
    const meta = [el('span', { className: 'who' }, mine ? t('you') : (state.names.get(m.sender_id) ?? `#${m.sender_id}`)),
      el('span', { className: 'time' }, m.timestamp ? new Date(m.timestamp).toLocaleTimeString(getLang() === 'zh' ? 'zh-CN' : 'en') : '')];
    if (mine) {
      meta.push(el('span', { className: `status ${status}`, dataset: { testid: 'status', status } },
        t(`status.${status}`) + (m.error ? ` ${m.error}` : '')));
      if (status === 'failed') meta.push(el('button', { type: 'button', onclick: () => resend(m) }, t('resend')));
    }
    return el('div', { className: `msg ${mine ? 'mine' : ''}`, dataset: { testid: 'message', seq: m.seq_id ?? '' } },
      el('div', { className: 'meta' }, ...meta), el('div', { className: 'content' }, m.content));
  }));
}

$('messages').addEventListener('scroll', e => {
  if (e.target.scrollTop === 0) loadOlder();
});

function scrollToBottom() {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

// ---------- 发送：pending → acked / failed，未确认的以同一 client_msg_id 重发 ----------

$('composer').onsubmit = e => {
  e.preventDefault();
  const input = e.target.content;
  const content = input.value;
  if (!content.trim() || !state.current) return;
  input.value = '';
  const m = { conversation_id: state.current, sender_id: api.user.id, message_type: 1, content,
    client_msg_id: randomId(), seq_id: 0, timestamp: Date.now(), status: 'pending' };
  state.history.get(state.current)?.list.push(m);
  queue(m);
  renderMessages();
  scrollToBottom();
};

function queue(m) {
  m.status = 'pending';
  m.error = undefined;
  state.pending.set(m.client_msg_id, { m, attempt: 0, due: 0 });
  flushPending();
}

function resend(m) {
  queue(m);
  renderMessages();
}

/** 到期的未确认消息（重）发一次；无应答时 5 秒后重发，之后翻倍到 30 秒（服务端按 client_msg_id 去重）。 */
function flushPending(force = false) {
  const now = Date.now();
  for (const p of state.pending.values()) {
    if (!force && p.due > now) continue;
    const { m } = p;
    const sent = socket.send('send-message', { conversation_id: m.conversation_id, message_type: m.message_type,
      content: m.content, client_msg_id: m.client_msg_id });
    if (!sent) return;
    p.due = now + Math.min(5000 * 2 ** p.attempt, 30_000);
    p.attempt++;
  }
}
setInterval(flushPending, 1000);

// ---------- 推送帧 ----------

function onFrame(f) {
  const d = f.data ?? {};
  switch (f.type) {
    case 'message-ack': return onAck(d);
    case 'new-message': return onNewMessage(d);
    case 'read-receipt':
      if (d.reader_id !== api.user.id) state.peerRead.set(d.conversation_id, Math.max(state.peerRead.get(d.conversation_id) ?? 0, d.read_seq));
      return renderMessages();
    case 'online-status':
      state.online.set(d.user_id, d.online);
      return renderHeader();
    case 'message-masked': {
      const m = state.history.get(d.conversation_id)?.list.find(x => x.message_id === d.message_id);
      if (m) m.content = d.content;
      return renderMessages();
    }
    case 'conversation-settings': return applySettings(d);
    case 'error': return onErrorFrame(d);
    default: return undefined; // pong
  }
}

function onAck(d) {
  const p = state.pending.get(d.client_msg_id);
  if (!p) return;
  state.pending.delete(d.client_msg_id);
  if (d.error_code) {
    p.m.status = 'failed';
    p.m.error = errorText(d.error_code, d.error_message);
  } else {
    Object.assign(p.m, { message_id: d.message_id, seq_id: d.seq_id, status: 'acked' });
    merge(d.conversation_id, []); // 重新排序，并与同步拉到的同一条合并
    dedupe(d.conversation_id);
    const conv = state.convs.get(d.conversation_id);
    if (conv) {
      conv.last_message = p.m;
      conv.updated_at = Date.now();
      conv.read_seq = Math.max(conv.read_seq ?? 0, d.seq_id);
    }
  }
  render();
}

function dedupe(convId) {
  const h = state.history.get(convId);
  if (!h) return;
  const seen = new Set();
  h.list = h.list.filter(m => !m.message_id || (!seen.has(m.message_id) && seen.add(m.message_id)));
}

function onNewMessage(m) {
  const conv = state.convs.get(m.conversation_id);
  if (!conv) return reloadConversationsSoon();
  const h = state.history.get(m.conversation_id);
  const known = h?.list.some(x => x.message_id === m.message_id);
  merge(m.conversation_id, [m]);
  if (!known && (!conv.last_message || m.seq_id >= (conv.last_message.seq_id ?? 0))) {
    conv.last_message = m;
    conv.updated_at = m.timestamp;
  }
  if (!known && m.sender_id !== api.user.id && m.conversation_id !== state.current && m.seq_id > (conv.read_seq ?? 0)) {
    conv.unread_count = (conv.unread_count ?? 0) + 1;
    // 与服务端的 mentioned 一致：@我 或 @所有人，读到之前一直显示
    if ((m.mentions ?? []).some(x => x === 'all' || String(x) === String(api.user.id))) conv.mentioned = true;
  }
  render();
  if (m.conversation_id === state.current) {
    scrollToBottom();
    markRead();
  }
}

function onErrorFrame(d) {
  const p = d.client_msg_id && state.pending.get(d.client_msg_id);
  if (p && (d.code === 1005 || d.code === 1007)) return; // 限流或暂不可用：留在待确认里，按退避重发
  if (p) {
    state.pending.delete(d.client_msg_id);
    p.m.status = 'failed';
    p.m.error = errorText(d.code, d.message);
    renderMessages();
    return;
  }
  showError(errorText(d.code, d.message));
}

// ---------- 连接：重连后重发未确认消息、按 after_seq 补拉错过的消息 ----------

function onOpened() {
  flushPending(true);
  run(async () => {
    await loadConversations();
    for (const id of [...state.history.keys()]) {
      // 已不是成员的会话（被移出群）不再同步，重新打开时会显示错误
      await syncAfter(id).catch(() => state.history.delete(id));
    }
    for (const c of state.convs.values()) refreshLast(c);
    render();
    markRead();
  });
}

/** 连续收到的最后一个 seq（seq 在会话内无空洞）：重连后自己重发的消息可能先确认，不能从它之后补拉。 */
function syncPoint(convId) {
  const seqs = state.history.get(convId).list.map(m => m.seq_id).filter(seq => seq > 0);
  let last = seqs[0] ?? 0;
  for (const seq of seqs) {
    if (seq > last + 1) break;
    last = seq;
  }
  return last;
}

async function syncAfter(id) {
  let after = syncPoint(id);
  for (;;) {
    const page = await api.get(`/api/v1/conversations/${encodeURIComponent(id)}/messages?after_seq=${after}&limit=100`);
    merge(id, page.messages);
    if (!page.has_more || page.messages.length === 0) return;
    after = page.messages[page.messages.length - 1].seq_id;
  }
}

function onClosed(code, opened) {
  if (code === 4001) return api.lost();
  if (code === 4002) return showError(t('tooManyDevices'));
  // 握手被拒（浏览器看不到 HTTP 状态）：用一次 REST 调用区分令牌失效（会刷新或回到登录页）与网络问题
  if (!opened && navigator.onLine) api.get('/api/v1/conversations?page=1&page_size=1').catch(() => {});
  return undefined;
}

function renderConn(s) {
  $('conn').dataset.state = s;
  $('conn').textContent = t(`state.${s}`);
}

// ---------- 单聊、群聊、世界聊天室、搜索 ----------

async function userByName(username) {
  const u = await api.get(`/api/v1/users/by-username/${encodeURIComponent(username)}`);
  state.names.set(u.id, u.nickname);
  return u;
}

$('open-chat').onsubmit = e => {
  e.preventDefault();
  const f = e.target;
  run(async () => {
    const u = await userByName(f.username.value.trim());
    const r = await api.post('/api/v1/conversations/single', { peer_user_id: u.id });
    f.username.value = '';
    await loadConversations();
    await openConversation(r.conversation_id);
  });
};

$('new-group').onsubmit = e => {
  e.preventDefault();
  const f = e.target;
  run(async () => {
    const names = f.members.value.split(/[,，\s]+/).filter(Boolean);
    const ids = [];
    for (const n of names) ids.push((await userByName(n)).id);
    const g = await api.post('/api/v1/groups', { name: f.name.value.trim(), member_ids: ids });
    f.name.value = '';
    f.members.value = '';
    await loadConversations();
    await openConversation(g.conversation_id);
  });
};

$('join-world').onclick = () => run(async () => {
  const r = await api.post('/api/v1/world/join');
  await loadConversations();
  await openConversation(r.conversation_id);
});

$('leave-world').onclick = () => run(async () => {
  await api.post('/api/v1/world/leave');
  if (state.current === 'world') state.current = null;
  state.history.delete('world');
  await loadConversations();
  render();
});

async function showMembers(conv) {
  const page = await api.get(`/api/v1/groups/${conv.group_id}/members?limit=100`);
  const rows = page.members.map(m => {
    const self = m.user_id === api.user.id;
    const li = el('li', { dataset: { testid: 'member' } }, `${state.names.get(m.user_id) ?? `#${m.user_id}`} · ${m.role}`);
    if (!self) li.append(' ', el('button', { type: 'button', onclick: () => run(async () => {
      await api.del(`/api/v1/groups/${conv.group_id}/members/${m.user_id}`);
      await showMembers(conv);
    }) }, t('remove')));
    return li;
  });
  const add = el('form', { className: 'row' }, el('input', { name: 'username', required: true, placeholder: t('addMember') }),
    el('button', {}, t('add')));
  add.onsubmit = e => {
    e.preventDefault();
    run(async () => {
      const u = await userByName(add.username.value.trim());
      await api.post(`/api/v1/groups/${conv.group_id}/members`, { user_ids: [u.id] });
      await showMembers(conv);
    });
  };
  const leave = el('button', { type: 'button', onclick: () => run(async () => {
    await api.del(`/api/v1/groups/${conv.group_id}/members/${api.user.id}`);
    state.current = null;
    state.history.delete(conv.id);
    $('panel').hidden = true;
    await loadConversations();
    render();
  }) }, t('leave'));
  showPanel(t('groupInfo'), el('ul', {}, ...rows), add, leave);
}

$('search').onsubmit = e => {
  e.preventDefault();
  const q = e.target.q.value.trim();
  run(async () => {
    const r = await api.get(`/api/v1/search/messages?q=${encodeURIComponent(q)}&page_size=20`);
    const hits = r.hits.map(h => el('li', { className: 'hit', dataset: { testid: 'search-hit' },
      onclick: () => run(() => openConversation(h.message.conversation_id)) },
    el('span', { className: 'conv-name' }, convName(state.convs.get(h.message.conversation_id)) || h.message.conversation_id),
    ' ', h.message.content));
    showPanel(t('search'), hits.length ? el('ul', {}, ...hits) : el('div', { className: 'hint' }, t('noHits')));
  });
};

function showPanel(title, ...content) {
  const close = el('button', { type: 'button', onclick: () => { $('panel').hidden = true; } }, t('close'));
  $('panel').replaceChildren(el('div', { className: 'row' }, el('strong', {}, title), close), ...content);
  $('panel').hidden = false;
}

// ---------- 公共 ----------

function render() {
  renderConversations();
  renderHeader();
  renderMessages();
}

let errorTimer = null;
function showError(e) {
  const text = typeof e === 'string' ? e : errorText(e instanceof ApiError ? e.code : 1000, e?.message);
  $('error').textContent = text;
  $('error').hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => { $('error').hidden = true; }, 8000);
}
$('error').onclick = () => { $('error').hidden = true; };

function run(task) {
  return Promise.resolve().then(task).catch(e => {
    if (!(e instanceof ApiError)) console.error(e);
    showError(e);
  });
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props ?? {};
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children.filter(c => c !== '' && c != null));
  return node;
}

function applyLanguage() {
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-ph]')) node.placeholder = t(node.dataset.i18nPh);
  $('lang').textContent = t('language');
  renderConn(socket.state);
  renderAuth();
  if (api.user) render();
}

$('lang').onclick = () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  applyLanguage();
};

setLang(getLang());
applyLanguage();
if (api.resume()) run(enter).then(() => { if (!api.user) showAuth(); });
else showAuth();
