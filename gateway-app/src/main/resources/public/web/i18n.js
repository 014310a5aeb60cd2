// 界面文字（中文 / English）；错误码的可读说明也在这里，界面总是显示“[码] 说明”
const TEXT = {
  en: {
    title: 'acme-im web chat',
    login: 'Log in', register: 'Register', logout: 'Log out',
    username: 'Username', password: 'Password', nickname: 'Nickname (optional)',
    needAccount: 'No account yet? Register', haveAccount: 'Have an account? Log in',
    'state.connecting': 'Connecting…', 'state.online': 'Online', 'state.reconnecting': 'Reconnecting…', 'state.offline': 'Offline',
    conversations: 'Conversations', chatWith: 'Chat with username', open: 'Open',
    newGroup: 'Group name', members: 'Members (usernames, comma separated)', createGroup: 'Create group',
    world: 'World room', joinWorld: 'Join the world room', leaveWorld: 'Leave the world room',
    search: 'Search messages', searchBtn: 'Search', noHits: 'No messages found', close: 'Close',
    pickConversation: 'Pick a conversation, or open a chat by username.',
    loadOlder: 'Load older messages', noOlder: 'Beginning of the conversation',
    typeMessage: 'Type a message', send: 'Send', resend: 'Resend',
    'status.pending': 'Sending…', 'status.acked': 'Sent', 'status.read': 'Read', 'status.failed': 'Failed',
    'peer.online': 'online', 'peer.offline': 'offline',
    you: 'You', unread: '{n} unread', pin: 'Pin', unpin: 'Unpin', pinLabel: 'pin', muteLabel: 'mute', mute: 'Mute notifications', unmute: 'Unmute notifications', mentioned: 'You were mentioned', groupInfo: 'Group members', addMember: 'Add member (username)', add: 'Add',
    remove: 'Remove', leave: 'Leave group', role: '{role}', group: 'group', single: 'chat',
    kickedOut: 'You were logged out (session revoked).', tooManyDevices: 'Too many devices are connected: close this chat on another device.',
    language: '中文',
  },
  zh: {
    title: 'acme-im 网页聊天',
    login: '登录', register: '注册', logout: '退出登录',
    username: '用户名', password: '密码', nickname: '昵称（可选）',
    needAccount: '还没有账号？注册', haveAccount: '已有账号？登录',
    'state.connecting': '连接中…', 'state.online': '在线', 'state.reconnecting': '重新连接中…', 'state.offline': '离线',
    conversations: '会话', chatWith: '按用户名发起单聊', open: '打开',
    newGroup: '群名称', members: '成员（用户名，逗号分隔）', createGroup: '创建群聊',
    world: '世界聊天室', joinWorld: '加入世界聊天室', leaveWorld: '离开世界聊天室',
    search: '搜索消息', searchBtn: '搜索', noHits: '没有找到消息', close: '关闭',
    pickConversation: '选择一个会话，或按用户名发起单聊。',
    loadOlder: '加载更早的消息', noOlder: '已到会话开头',
    typeMessage: '输入消息', send: '发送', resend: '重发',
    'status.pending': '发送中…', 'status.acked': '已发送', 'status.read': '已读', 'status.failed': '发送失败',
    'peer.online': '在线', 'peer.offline': '离线',
    you: '我', unread: '{n} 条未读', pin: '置顶', unpin: '取消置顶', pinLabel: '置顶', muteLabel: '免打扰', mute: '消息免打扰', unmute: '取消免打扰', mentioned: '有人@我', groupInfo: '群成员', addMember: '添加成员（用户名）', add: '添加',
    remove: '移除', leave: '退出群聊', role: '{role}', group: '群聊', single: '单聊',
    kickedOut: '你已退出登录（会话已吊销）。', tooManyDevices: '已连接的设备过多：请先在其他设备上关闭聊天。',
    language: 'English',
  },
};

// 错误码说明（docs/architecture.md 的 ErrorCode、docs/websocket-protocol.md）
const ERRORS = {
  en: {
    1000: 'Unexpected server error', 1001: 'Invalid input', 1002: 'Not logged in or session expired',
    1003: 'Not allowed', 1004: 'Not found', 1005: 'Too many requests, slow down', 1006: 'Too large',
    1007: 'Service temporarily unavailable, retrying', 1008: 'Server busy, retrying', 1009: 'Too many devices',
    2000: 'User not found', 2001: 'Username already taken', 2002: 'Wrong username or password',
    3000: 'Message not found', 3002: 'Message is empty or too long',
    3003: 'Only the sender can do this', 3004: 'Too late to change this message', 3005: 'The message was recalled',
    3006: 'The quoted message is not in this conversation',
    4000: 'Group not found', 4001: 'Not a member of this group', 4002: 'The group is full',
    network: 'Network error: the server cannot be reached',
  },
  zh: {
    1000: '服务器内部错误', 1001: '输入不合法', 1002: '未登录或登录已过期',
    1003: '没有权限', 1004: '不存在', 1005: '操作太频繁，请稍后', 1006: '内容太大',
    1007: '服务暂不可用，正在重试', 1008: '服务器繁忙，正在重试', 1009: '设备数已达上限',
    2000: '用户不存在', 2001: '用户名已被占用', 2002: '用户名或密码错误',
    3000: '消息不存在', 3002: '消息为空或太长',
    3003: '只有发送者可以这样做', 3004: '已超过可修改的时间', 3005: '消息已撤回',
    3006: '引用的消息不在本会话中',
    4000: '群不存在', 4001: '你不是该群成员', 4002: '群已满',
    network: '网络错误：连不上服务器',
  },
};

let lang = localStorage.getItem('im.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');

export function getLang() {
  return lang;
}

export function setLang(value) {
  lang = value === 'zh' ? 'zh' : 'en';
  localStorage.setItem('im.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, params = {}) {
  const text = TEXT[lang][key] ?? TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

/** “[1003] 没有权限”；输入不合法时附上服务端说明（哪个字段、什么规则），其余只在没有本地说明时用服务端文字。 */
export function errorText(code, serverMessage) {
  const known = ERRORS[lang][code];
  if (code === 'network') return known;
  if (known && serverMessage && (code === 1001 || code === 3002)) return `[${code}] ${known}: ${serverMessage}`;
  return `[${code}] ${known ?? serverMessage ?? ''}`;
}
