/** 消息搜索（Elasticsearch），限定在调用者的会话内。 */
package com.acme.im.logic.search;
