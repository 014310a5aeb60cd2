/** 端到端压测的入口、选项与共享上下文（不部署）。 */
package com.acme.im.bench;
