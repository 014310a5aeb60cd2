/** 索引函数：消息写入 Elasticsearch。 */
package com.acme.im.index;
