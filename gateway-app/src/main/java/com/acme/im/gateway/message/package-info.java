/** 已发消息的撤回与编辑（REST）。 */
package com.acme.im.gateway.message;
