/** 消息的保存（单条与批量）、查询与遮蔽。 */
package com.acme.im.repo.message;
