/** 消费本网关的下行 Topic，把投递写到本地连接。 */
package com.acme.im.gateway.downstream;
