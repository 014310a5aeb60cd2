/** 调用 repo-app 的 gRPC 桩。 */
package com.acme.im.logic.repo;
