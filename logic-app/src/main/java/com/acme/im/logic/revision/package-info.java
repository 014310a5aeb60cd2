/** 已发消息的撤回与编辑（墓碑、新内容、实时通知、索引与审核任务），以及“正在输入”的转发。 */
package com.acme.im.logic.revision;
