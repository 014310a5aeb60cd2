/** 网关应用：唯一的公网入口（REST、WebSocket）。 */
package com.acme.im.gateway;
