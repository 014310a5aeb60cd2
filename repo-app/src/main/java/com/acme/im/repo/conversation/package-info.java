/** 会话、参与者与已读位置的存取，序列号分配。 */
package com.acme.im.repo.conversation;
