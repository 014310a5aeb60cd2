/** repo-app gRPC 直连压测。 */
package com.acme.im.bench.repo;
