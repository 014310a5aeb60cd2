-- 推送令牌按令牌本身查找：同一令牌登记到新账号时，要删掉它在其他用户名下的旧记录（手机换账号后旧账号的通知不能再发过来）。
-- 令牌只允许可打印 ASCII（runtime.limits.Limits），改为 ascii_bin：按字节精确比较（令牌区分大小写），整列可建索引。
ALTER TABLE push_tokens
  MODIFY token VARCHAR(512) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  ADD KEY idx_push_tokens_token (token);
