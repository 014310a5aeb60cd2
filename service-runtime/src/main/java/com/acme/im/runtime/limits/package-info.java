/** 所有层共用的输入上限与消息规则（定义一次，网关、logic、repo 都引用）。 */
package com.acme.im.runtime.limits;
