/** 错误码模型与 gRPC/HTTP 之间的转换。 */
package com.acme.im.runtime.error;
