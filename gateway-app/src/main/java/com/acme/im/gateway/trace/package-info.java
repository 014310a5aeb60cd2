/** HTTP 请求的追踪 ID。 */
package com.acme.im.gateway.trace;
