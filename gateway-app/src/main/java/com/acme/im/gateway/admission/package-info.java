/** REST 请求的准入控制：过载时快速拒绝，而不是让请求排队到客户端超时。 */
package com.acme.im.gateway.admission;
