/** 上行消息的批量处理：校验、保存、路由、发任务。 */
package com.acme.im.logic.message;
