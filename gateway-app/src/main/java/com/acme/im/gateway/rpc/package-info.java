/** 调用 logic-app 的 gRPC 桩与截止时间。 */
package com.acme.im.gateway.rpc;
