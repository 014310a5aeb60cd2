/** 扩散函数：大群消息分页投递到各网关。 */
package com.acme.im.fanout;
