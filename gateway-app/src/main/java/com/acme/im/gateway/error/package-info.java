/** 每种异常一个处理器，统一输出 {code,message,trace_id}。 */
package com.acme.im.gateway.error;
