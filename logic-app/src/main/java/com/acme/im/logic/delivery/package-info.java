/** 任务消息的发布。 */
package com.acme.im.logic.delivery;
