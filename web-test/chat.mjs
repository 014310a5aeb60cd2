// 真实浏览器测试：无头 Chromium（Debian 的 chromium 包）由 playwright-core 驱动，两个浏览器上下文是两个用户。
// 用法：node chat.mjs <网关地址，如 http://127.0.0.1:8183> <截图目录>
// 每一步断言用户看得到的东西（消息文字、已读标记、连接状态），并截图；失败时截下当时的画面并以非零退出。
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node chat.mjs <gateway url> <screenshot dir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WAIT = 30_000;
const suffix = Date.now().toString(36);
const users = {
  alice: { username: `wa_${suffix}`, nickname: `Alice ${suffix}`, password: 'web-Secret-123' },
  bob: { username: `wb_${suffix}`, nickname: `Bob ${suffix}`, password: 'web-Secret-123' },
};

// playwright 自己为这个浏览器建一个新的临时 --user-data-dir；两个 newContext 互相隔离（各自的 localStorage）
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const pages = {};
let step = 0;

async function shot(name) {
  step++;
  for (const [who, page] of Object.entries(pages)) {
    await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}-${who}.png`) });
  }
  console.log(`[web-test] step ${step}: ${name}`);
}

const message = (page, text) => page.locator('[data-testid=message]', { hasText: text });
const status = (page, text, label) => message(page, text).locator('[data-testid=status]', { hasText: label });
const conn = (page, label) => page.locator('[data-testid=conn-state]', { hasText: label });
const visible = locator => locator.first().waitFor({ state: 'visible', timeout: WAIT });

async function register(who) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 700 }, locale: 'en-US' });
  const page = await ctx.newPage();
  page.on('pageerror', e => console.error(`[${who}] page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') console.error(`[${who}] console: ${m.text()}`); });
  pages[who] = page;
  await page.goto(base + '/');
  await page.getByText('No account yet? Register').click();
  const u = users[who];
  const form = page.locator('#auth-form');
  await form.getByPlaceholder('Username').fill(u.username);
  await form.getByPlaceholder('Password').fill(u.password);
  await form.getByPlaceholder('Nickname (optional)').fill(u.nickname);
  await form.getByRole('button', { name: 'Register' }).click();
  await visible(conn(page, 'Online'));
  await visible(page.getByTestId('me').filter({ hasText: u.username }));
  return ctx;
}

try {
  await register('alice');
  const bobCtx = await register('bob');
  const A = pages.alice;
  const B = pages.bob;
  // bob 用中文界面：切换语言，连接状态随之显示中文
  await B.getByTestId('lang').click();
  await visible(conn(B, '在线'));
  await shot('registered');

  // 找不存在的用户：显示错误码与可读说明
  await A.getByTestId('chat-with').fill(`nobody_${suffix}`);
  await A.getByTestId('chat-with').press('Enter');
  await visible(A.getByTestId('error').filter({ hasText: '[2000] User not found' }));

  // alice 按用户名打开与 bob 的单聊：对方在线，发出的消息从“发送中”变为“已发送”
  await A.getByTestId('chat-with').fill(users.bob.username);
  await A.getByTestId('chat-with').press('Enter');
  await visible(A.getByTestId('chat-header').filter({ hasText: users.bob.nickname }));
  await visible(A.getByTestId('peer-status').filter({ hasText: 'online' }));
  await A.getByTestId('composer').fill('Hello Bob, 你好');
  await A.getByTestId('composer').press('Enter');
  await visible(status(A, 'Hello Bob, 你好', 'Sent'));
  await shot('alice-sent');

  // bob 的会话列表实时出现这条消息和 1 条未读；打开后看到消息并回复
  const bobConv = B.locator('[data-testid=conversation]', { hasText: users.alice.nickname });
  await visible(bobConv.filter({ hasText: 'Hello Bob, 你好' }));
  await visible(bobConv.getByTestId('unread').filter({ hasText: '1' }));
  await shot('bob-unread');
  await bobConv.click();
  await visible(message(B, 'Hello Bob, 你好'));
  await B.getByTestId('composer').fill('Hi Alice, 收到');
  await B.getByTestId('send').click();
  // alice 正开着这个会话，会立刻读到：状态可能在测试看到“已发送”之前就变成“已读”，两者都说明服务端已确认
  await visible(status(B, 'Hi Alice, 收到', /已发送|已读/));

  // alice 实时收到回复，并看到自己的消息被读过（已读回执）
  await visible(message(A, 'Hi Alice, 收到'));
  await visible(status(A, 'Hello Bob, 你好', 'Read'));
  await shot('read-receipt');

  // bob 断网：连接状态变为重连中；断网时发的消息停在“发送中”；alice 此时发的消息 bob 收不到
  await bobCtx.setOffline(true);
  await visible(conn(B, '重新连接中'));
  await B.getByTestId('composer').fill('written while offline');
  await B.getByTestId('composer').press('Enter');
  await visible(status(B, 'written while offline', '发送中'));
  await A.getByTestId('composer').fill('Did you miss this?');
  await A.getByTestId('composer').press('Enter');
  await visible(status(A, 'Did you miss this?', 'Sent'));
  await shot('bob-offline');

  // bob 恢复网络：自动重连，按 after_seq 补到错过的消息，未确认的消息以同一 client_msg_id 重发成功
  await bobCtx.setOffline(false);
  await visible(conn(B, '在线'));
  await visible(message(B, 'Did you miss this?'));
  await visible(status(B, 'written while offline', '已'));
  await visible(message(A, 'written while offline'));
  await visible(bobConv.filter({ hasText: 'written while offline' }));
  if (await message(A, 'written while offline').count() !== 1) throw new Error('resent message shown twice at alice');
  await shot('bob-back-online');

  // 群聊：alice 建群并拉 bob，两人都看到群消息
  const group = `Team ${suffix}`;
  await A.getByTestId('group-name').fill(group);
  await A.getByTestId('group-members').fill(users.bob.username);
  await A.getByTestId('group-members').press('Enter');
  await visible(A.getByTestId('chat-header').filter({ hasText: group }));
  await A.getByTestId('composer').fill('Hello group!');
  await A.getByTestId('composer').press('Enter');
  await visible(status(A, 'Hello group!', 'Sent'));
  const bobGroup = B.locator('[data-testid=conversation]', { hasText: group });
  await visible(bobGroup.filter({ hasText: 'Hello group!' }));
  await bobGroup.click();
  await visible(message(B, 'Hello group!'));
  await B.getByTestId('composer').fill('群里见');
  await B.getByTestId('composer').press('Enter');
  await visible(message(A, '群里见'));
  await shot('group-message');

  // 置顶与免打扰：bob 置顶与 alice 的单聊，它排到更新的群聊前面；再把群设为免打扰（状态取自服务端 PUT 的结果）
  await bobConv.getByTestId('pin').click();
  await visible(B.locator('[data-testid=conversation][data-pinned=true]', { hasText: users.alice.nickname }));
  await visible(B.locator('[data-testid=conversation]').first().filter({ hasText: users.alice.nickname }));
  await bobGroup.getByTestId('mute').click();
  await visible(B.locator('[data-testid=conversation][data-muted=true]', { hasText: group }));
  await shot('pin-and-mute');

  // 搜索：索引是异步的（Kafka 任务 → index-function → Elasticsearch），重复搜索直到命中出现
  const deadline = Date.now() + 60_000;
  const hit = A.getByTestId('search-hit').filter({ hasText: 'Did you miss this?' });
  for (;;) {
    await A.getByTestId('search').fill('miss');
    await A.getByTestId('search').press('Enter');
    try {
      await visible(hit.or(A.getByText('No messages found')));
      if (await hit.count() > 0) break;
    } catch { /* 本轮没有结果，再搜 */ }
    if (Date.now() > deadline) throw new Error('the sent message never became searchable');
    await A.waitForTimeout(1000);
  }
  await shot('search');

  // 令牌快过期时（这里把本地记录的过期时间改到 30 秒后再刷新页面）：恢复会话，连接前先用刷新令牌换新令牌
  const oldRefresh = await A.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('im.session'));
    s.expires_at = Date.now() + 30_000;
    localStorage.setItem('im.session', JSON.stringify(s));
    return s.refresh_token;
  });
  await A.reload();
  await visible(conn(A, 'Online'));
  await A.waitForFunction(old => JSON.parse(localStorage.getItem('im.session')).refresh_token !== old, oldRefresh,
    { timeout: WAIT });
  await visible(A.locator('[data-testid=conversation]', { hasText: group }));

  // 退出登录（用刷新后的令牌）：回到登录页
  await A.getByRole('button', { name: 'Log out' }).click();
  await visible(A.getByRole('button', { name: 'Log in' }));
  await shot('alice-logged-out');
  console.log('[web-test] all steps passed');
  await browser.close();
} catch (e) {
  console.error(`[web-test] FAILED after step ${step}: ${e.stack || e}`);
  for (const [who, page] of Object.entries(pages)) {
    await page.screenshot({ path: join(shots, `failed-${who}.png`) }).catch(() => {});
  }
  await browser.close().catch(() => {});
  process.exit(1);
}
