/** 消息搜索的 REST 接口。 */
package com.acme.im.gateway.search;
