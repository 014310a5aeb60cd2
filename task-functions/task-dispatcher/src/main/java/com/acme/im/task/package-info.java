/** 任务函数的分发契约：任务类型、处理器、重试与死信。 */
package com.acme.im.task;
