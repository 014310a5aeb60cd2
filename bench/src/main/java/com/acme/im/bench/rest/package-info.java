/** REST 读接口压测。 */
package com.acme.im.bench.rest;
